using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wand.Retention;

namespace Wand.Cli.Serve;

/// <summary>`wand serve`'s retention: a <see cref="RetentionSweep"/> a minute after start, then every <see cref="RetentionOptions.Interval"/>.</summary>
public sealed partial class RetentionService(
    RetentionSweep sweep, DurableTaskClient client, TimeProvider time, IOptions<RetentionOptions> options, ILogger<RetentionService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var wait = TimeSpan.FromMinutes(1);
        while (await Delay(wait, stoppingToken))
        {
            wait = options.Value.Interval;
            try
            {
                await sweep.SweepAsync(client, time.GetUtcNow(), stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Storage away, say: the next sweep does what this one did not.
                LogSweepFailed(logger, ex.Message);
            }
        }
    }

    private async Task<bool> Delay(TimeSpan wait, CancellationToken stoppingToken)
    {
        await Task.Delay(wait, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return !stoppingToken.IsCancellationRequested;
    }

    [LoggerMessage(1, LogLevel.Warning, "The retention sweep failed; the next one tries again: {Error}")]
    private static partial void LogSweepFailed(ILogger logger, string error);
}
