using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wand.Jobs;
using Wand.Telemetry;

namespace Wand.Sandbox;

/// <summary>
/// Runs a job's tests in a hardened container (see <see cref="SandboxContainers"/>) and
/// reports what happened. One exec does everything: the job goes in as a tar on stdin, the
/// runner (<see cref="RunScript"/>) runs it as the candidate user under a watchdog, kills every
/// process of that user, and sends back a record with the exit status and the reports; the
/// container is removed whatever happens. A single run is a run of one variant with more
/// room for its output (see SandboxRunner.Variants.cs).
/// </summary>
public sealed partial class SandboxRunner(
    DockerConnection docker,
    SandboxContainers containers,
    WarmContainerPool pool,
    EnvironmentImages environments,
    SandboxJanitor janitor,
    JobFolderLimits limits,
    IOptions<SandboxOptions> options,
    ILogger<SandboxRunner> logger) : ISandbox
{
    private const int SingleRunKeptBytes = 64 * 1024;
    private const int SingleRunReportBytes = 8_000_000;

    public async Task<SandboxResult> RunAsync(Job job, CancellationToken cancellationToken) =>
        (await ObservedAsync(job, 1, async () => [await RunOneAsync(job, cancellationToken)]))[0];

    /// <summary>A sandbox run in a span of its own, its time and outcomes in the metrics (<see cref="WandTelemetry"/>).</summary>
    private static async Task<IReadOnlyList<SandboxResult>> ObservedAsync(Job job, int variants, Func<Task<IReadOnlyList<SandboxResult>>> run)
    {
        using var span = WandTelemetry.StartSandboxRun(job.Language.Name, variants);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var results = await run();
        WandTelemetry.SandboxRan(span, job.Language.Name, [.. results.Select(r => r.Reason.ToString())], results.Sum(r => r.Passed), results.Sum(r => r.Failed), clock.Elapsed);
        return results;
    }

    private async Task<SandboxResult> RunOneAsync(Job job, CancellationToken cancellationToken)
    {
        job.Validate(limits);
        await SweepOnceAsync();

        var caps = new RunCaps(SingleRunKeptBytes, options.Value.OutputLimitBytes, SingleRunReportBytes);
        var image = await ImageAsync(job, cancellationToken);
        if (image.Failed is { } failed)
        {
            return failed;
        }

        await docker.RunSlots.WaitAsync(cancellationToken);
        try
        {
            var results = await RunPartAsync(new SandboxVariants(job, [new SandboxVariant([])], job.Timeout), image.Name!, caps, cancellationToken);
            return results[0];
        }
        finally
        {
            docker.RunSlots.Release();
        }
    }

    /// <summary>The image the job runs from (made first when it has an environment), or the result every run gets when it cannot be made.</summary>
    private async Task<(string? Name, SandboxResult? Failed)> ImageAsync(Job job, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            return (await environments.ImageForAsync(job, cancellationToken), null);
        }
        catch (EnvironmentSetupException ex)
        {
            LogSetupFailed(logger, ex.Message);
            return (null, new SandboxResult(ExitReason.SetupFailed, null, [], [], "", ex.Log, new SandboxTimings(clock.Elapsed, TimeSpan.Zero))
            {
                Advice = $"the job's environment could not be made: {ex.Message}. Its log ends with what went wrong; {JobSettings.FileName}'s setup: and image: say how it is made",
            });
        }
    }

    private async Task SweepOnceAsync()
    {
        try
        {
            await janitor.EnsureSweptAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Leftovers are untidy, not a reason to refuse work; the run reports Docker errors itself.
            LogSweepFailed(logger, ex.Message);
        }
    }

    // The job's own setup failing is its caller's to fix, and its result says so (setupFailed): not a warning of Wand's.
    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "A job's environment could not be made: {Error}")]
    private static partial void LogSetupFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Sweeping expired sandbox containers failed: {Error}")]
    private static partial void LogSweepFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Sandbox {ContainerId} stopped after variant {Index} (it was not clean, or it died); the {Rest} variants after it run in another container: {Detail}")]
    private static partial void LogContainerNotClean(ILogger logger, string containerId, int index, int rest, string detail);
}
