using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Wand.Sandbox;

/// <summary>
/// Removes sandbox containers whose expiry has passed: what a crashed process left behind.
/// Going by expiry rather than by owner makes it safe with several Wand processes (or hosts)
/// sharing one Docker daemon: a live run's container is never swept.
/// </summary>
public sealed partial class SandboxJanitor(SandboxContainers containers, ILogger<SandboxJanitor> logger)
{
    private Task? _sweep;

    /// <summary>Sweeps once per process, on first use; later calls return the same task.</summary>
    public Task EnsureSweptAsync() => LazyInitializer.EnsureInitialized(ref _sweep, () => SweepAsync(CancellationToken.None));

    /// <summary>Removes every expired sandbox container; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var listed = await containers.ListAsync(cancellationToken);

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var expired = listed.Where(c => !c.Labels.TryGetValue(SandboxContainers.ExpiresLabel, out var value)
            || !long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var expires)
            || expires < now).ToList();
        foreach (var container in expired)
        {
            await containers.RemoveAsync(container.ID);
        }

        if (expired.Count > 0)
        {
            LogSwept(logger, expired.Count);
        }

        return expired.Count;
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Removed {Count} expired sandbox containers left behind by an earlier process")]
    private static partial void LogSwept(ILogger logger, int count);
}
