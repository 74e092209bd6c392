using Microsoft.Extensions.Logging;

namespace Wand.Cli;

/// <summary>
/// How a command stopped by Ctrl+C or SIGTERM (<see cref="StopSignals"/>) winds down: its work
/// and its host get a moment, not minutes, since the work is being abandoned; its sandboxes go
/// at once (<see cref="SandboxesOnStop"/>).
/// </summary>
internal static class Stopping
{
    /// <summary>How long a stopped command's work and host get to wind down (the engine, the web server's requests).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The command's work until it ends or is stopped. Stopped, it gets <see cref="Patience"/> to
    /// end (what honours the cancellation does), then is left behind: a read from a daemon that
    /// never answers ignores the cancellation, and the process must still exit.
    /// </summary>
    public static async Task<int> UntilStoppedAsync(Task<int> work, CancellationToken stop)
    {
        try
        {
            return await work.WaitAsync(stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await ((Task)work).WaitAsync(Patience, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
    }

    /// <summary>
    /// Once the command is stopped, what the engine logs about work abandoned under it (an
    /// activity that ends after the engine's channel closed) is expected and not shown: the
    /// stop's own line says what happened.
    /// </summary>
    /// <remarks>A rule of its own replaces the minimum level for its category, so it keeps `wand`'s (warnings and errors).</remarks>
    public static ILoggingBuilder QuietEngineOnceStopped(this ILoggingBuilder logging, CancellationToken stop) =>
        logging.AddFilter("Microsoft.DurableTask", level => level >= LogLevel.Warning && !stop.IsCancellationRequested);
}
