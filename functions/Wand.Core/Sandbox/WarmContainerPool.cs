using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Wand.Sandbox;

/// <summary>
/// Started sandbox containers, ready for a run, per image: taking one skips creating and
/// starting a container. A container is used once and then removed, never reused; every take
/// starts a replacement in the background. An image gets a pool on its first take (that take
/// is cold) or by <see cref="WarmUpAsync"/>.
/// </summary>
public sealed partial class WarmContainerPool(DockerConnection docker, SandboxContainers containers, IOptions<SandboxOptions> options, ILogger<WarmContainerPool> logger) : IAsyncDisposable
{
    // An image whose runner preloads (Python's agent) ships `wand-ready`, which returns once the
    // runner waits for work; a container counts as warm only then. Elsewhere it is a no-op.
    private static readonly string[] ReadyCommand = ["sh", "-c", "command -v wand-ready >/dev/null && wand-ready; exit 0"];

    // Pooled containers are replaced well before their expiry label lets the janitor take them.
    private static readonly TimeSpan PooledLifetime = TimeSpan.FromHours(2);
    private static readonly TimeSpan MaxIdle = TimeSpan.FromHours(1);
    private static readonly TimeSpan RefillPause = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, ConcurrentQueue<Warm>> _ready = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _refills = new();
    private volatile bool _disposed;

    // After a failed refill, none is tried for a while: a daemon that is away would otherwise be asked (and logged) on every take.
    private long _refillsPausedUntilTicks;

    /// <summary>The started containers waiting for a run, over all images.</summary>
    public IReadOnlySet<string> ReadyContainerIds => _ready.Values.SelectMany(q => q.Select(w => w.Id)).ToHashSet(StringComparer.Ordinal);

    /// <summary>A container of <paramref name="image"/> that lives at least <paramref name="runLifetime"/> from now.</summary>
    public async Task<string> TakeAsync(string image, TimeSpan runLifetime, CancellationToken cancellationToken)
    {
        var size = options.Value.WarmContainersPerImage;
        var queue = _ready.GetOrAdd(image, _ => new ConcurrentQueue<Warm>());
        while (queue.TryDequeue(out var warm))
        {
            Refill(image, queue, size);
            if (DateTimeOffset.UtcNow - warm.Started < MaxIdle && runLifetime < PooledLifetime - MaxIdle)
            {
                return warm.Id;
            }

            await containers.RemoveAsync(warm.Id);
        }

        Refill(image, queue, size);
        return await containers.CreateStartedAsync(image, runLifetime, cancellationToken);
    }

    /// <summary>Fills the pool of <paramref name="image"/> and waits until it is full.</summary>
    public async Task WarmUpAsync(string image, CancellationToken cancellationToken)
    {
        var queue = _ready.GetOrAdd(image, _ => new ConcurrentQueue<Warm>());
        var missing = options.Value.WarmContainersPerImage - queue.Count;
        await Task.WhenAll(Enumerable.Range(0, Math.Max(0, missing)).Select(async _ =>
            queue.Enqueue(new Warm(await StartReadyAsync(image, cancellationToken), DateTimeOffset.UtcNow))));
    }

    /// <summary>Waits for the replacements under way to be ready.</summary>
    public Task WhenRefilledAsync() => Task.WhenAll(_refills.Keys);

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await Task.WhenAll(_refills.Keys).ContinueWith(_ => { }, TaskScheduler.Default);
        foreach (var queue in _ready.Values)
        {
            while (queue.TryDequeue(out var warm))
            {
                containers.RemoveInBackground(warm.Id);
            }
        }

        // Nothing of ours outlives the process that made it.
        await containers.WhenRemovedAsync();
    }

    private void Refill(string image, ConcurrentQueue<Warm> queue, int size)
    {
        if (_disposed || size <= 0 || queue.Count + _refills.Count >= size || DateTime.UtcNow.Ticks < Interlocked.Read(ref _refillsPausedUntilTicks))
        {
            return;
        }

        var refill = Task.Run(async () =>
        {
            try
            {
                var id = await StartReadyAsync(image, CancellationToken.None);
                if (_disposed)
                {
                    await containers.RemoveAsync(id);
                    return;
                }

                queue.Enqueue(new Warm(id, DateTimeOffset.UtcNow));
            }
            catch (OperationCanceledException) when (containers.IsStopping)
            {
                // The process is stopping: a refill is not wanted, and not worth a warning.
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A failed refill only means the next take is cold.
                Interlocked.Exchange(ref _refillsPausedUntilTicks, DateTime.UtcNow.Add(RefillPause).Ticks);
                LogRefillFailed(logger, image, ex.Message);
            }
        });
        _refills.TryAdd(refill, 0);
        refill.ContinueWith(t => _refills.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task<string> StartReadyAsync(string image, CancellationToken cancellationToken)
    {
        var id = await containers.CreateStartedAsync(image, PooledLifetime, cancellationToken);
        try
        {
            var ignored = new CappedOutput(4096);
            await new ContainerExec(docker.Client).RunAsync(id, ReadyCommand, null, null, TimeSpan.FromSeconds(30), 4096, ignored, ignored, cancellationToken);
        }
        catch
        {
            await containers.RemoveAsync(id);
            throw;
        }

        return id;
    }

    private sealed record Warm(string Id, DateTimeOffset Started);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "Could not start a warm sandbox of {Image}: {Error}")]
    private static partial void LogRefillFailed(ILogger logger, string image, string error);
}
