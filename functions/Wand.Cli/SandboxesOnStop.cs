using Microsoft.Extensions.DependencyInjection;
using Wand.Sandbox;

namespace Wand.Cli;

/// <summary>
/// When the command is stopped, kills and removes every sandbox this process made at once
/// (<see cref="SandboxContainers.StopAllAsync"/>) rather than when the work using them notices:
/// the engine's activities run to their end whatever is cancelled, and a test may sleep for
/// minutes. Disposing waits for the removals, so dispose it before the host.
/// </summary>
internal sealed class SandboxesOnStop : IAsyncDisposable
{
    private static readonly TimeSpan RemovalPatience = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenRegistration _registration;
    private Task _removal = Task.CompletedTask;

    public SandboxesOnStop(IServiceProvider services, CancellationToken stop)
    {
        var containers = services.GetRequiredService<SandboxContainers>();
        _registration = stop.Register(() => Volatile.Write(ref _removal, containers.StopAllAsync()));
    }

    public async ValueTask DisposeAsync()
    {
        await _registration.DisposeAsync();
        // A daemon that stopped answering is not waited for without end: what is left expires.
        await Volatile.Read(ref _removal).WaitAsync(RemovalPatience).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
