using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Wand.Sandbox;

/// <summary>
/// Runs a job's tests in a hardened container (see <see cref="SandboxContainers"/>) and
/// reports what happened. Files go in as a tar stream through an exec (a read-only root
/// refuses archive uploads, and a tmpfs hides files copied before start); the test command
/// runs as a second exec under a wall-clock limit enforced by killing the container; the
/// reports come back as a tar stream; the container is removed whatever happens.
/// </summary>
public sealed partial class SandboxRunner(
    DockerConnection docker,
    SandboxContainers containers,
    WarmContainerPool pool,
    SandboxJanitor janitor,
    IOptions<SandboxOptions> options,
    ILogger<SandboxRunner> logger) : ISandbox
{
    // One exec does the whole run (each exec costs tens of milliseconds). $1 is the boundary,
    // $2 the test command, $3 the time limit in seconds.
    // - Unpack the job from stdin.
    // - Run the test command in its own process group, and kill the group when it ends, so a
    //   child it left behind can neither keep running nor hold the output open.
    // - A watchdog kills the group at the limit. It writes its flag before it kills (the kill
    //   ends `wait`, after which we stop the watchdog), and its stdio is /dev/null (its orphaned
    //   sleep would otherwise hold the exec's output open until the daemon gives up, 2 s later).
    // - Print the boundary line (exit status, the kernel's OOM-kill count from cgroup v1 or v2,
    //   whether the watchdog fired), then the reports as a tar.
    private const string RunScript = """
        tar -x -m -C /work -f - || { echo "wand: unpacking the job failed" >&2; exit 98; }
        setsid sh -c "$2" </dev/null & pid=$!
        ( sleep "$3"; : > /tmp/.wand-timed-out; kill -KILL -$pid 2>/dev/null ) </dev/null >/dev/null 2>&1 & watchdog=$!
        wait $pid; status=$?
        kill $watchdog 2>/dev/null
        kill -KILL -$pid 2>/dev/null
        oom=$(cat /sys/fs/cgroup/memory/memory.oom_control /sys/fs/cgroup/memory.events 2>/dev/null | sed -n 's/^oom_kill //p' | head -n 1)
        timedout=0; [ -e /tmp/.wand-timed-out ] && timedout=1
        printf '\n%s %d %s %d\n' "$1" "$status" "${oom:-0}" "$timedout"
        tar -c -f - -C /work --exclude=.wand/classes --exclude=.wand/tests .wand 2>/dev/null
        exit 0
        """;

    private const int ReportLimitBytes = 8_000_000;
    private const int KeptOutputBytes = 64 * 1024;

    // The watchdog inside holds the time limit to the second; killing the container is the
    // backstop if the sandbox's own processes cannot (unpacking and collecting take milliseconds).
    private static readonly TimeSpan BackstopAllowance = TimeSpan.FromSeconds(10);

    public async Task<SandboxResult> RunAsync(SandboxJob job, CancellationToken cancellationToken)
    {
        job.Validate(JobFolderLimits.Default);
        await SweepOnceAsync();

        await docker.RunSlots.WaitAsync(cancellationToken);
        try
        {
            return await RunInContainerAsync(job, cancellationToken);
        }
        finally
        {
            docker.RunSlots.Release();
        }
    }

    private async Task<SandboxResult> RunInContainerAsync(SandboxJob job, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var image = new SandboxImageCatalog(settings.ImagePrefix).ImageName(job.Language.Image);
        var clock = Stopwatch.StartNew();
        var id = await pool.TakeAsync(image, job.Timeout + BackstopAllowance + TimeSpan.FromMinutes(5), cancellationToken);
        var containerTime = clock.Elapsed;
        try
        {
            clock.Restart();
            var boundary = $"wand-run-end-{Guid.NewGuid():N}";
            var stdout = new RunOutputSplitter(boundary, KeptOutputBytes, ReportLimitBytes);
            var stderr = new CappedOutput(KeptOutputBytes);
            var exec = await new ContainerExec(docker.Client).RunAsync(
                id, ["sh", "-c", RunScript, "wand", boundary, job.TestCommand, job.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)], JobTar.Of(job.Files),
                job.Timeout + BackstopAllowance, settings.OutputLimitBytes, stdout, stderr, cancellationToken);
            var runTime = clock.Elapsed;
            if (exec.DeadlinePassed || exec.OutputLimitReached || !stdout.Ended)
            {
                await containers.KillAsync(id);
                if (!exec.DeadlinePassed && !exec.OutputLimitReached)
                {
                    throw new InvalidOperationException($"The sandbox run ended without its report: {stderr}");
                }

                return new SandboxResult(exec.DeadlinePassed ? ExitReason.Timeout : ExitReason.OutputTruncated, null, [], [],
                    stdout.TestOutput.ToString(), stderr.ToString(), new SandboxTimings(containerTime, runTime));
            }

            var reports = RunReports.FromTar(stdout.ReportTar);
            var reason = RunVerdict.Of(stdout.TimedOut, reports.CompileFailed, stdout.OomKilled, stdout.ExitCode);
            return new SandboxResult(reason, reason == ExitReason.Timeout ? null : stdout.ExitCode, reports.Tests(job.Language), reports.Diagnostics(job.Language),
                stdout.TestOutput.ToString(), stderr.ToString(), new SandboxTimings(containerTime, runTime));
        }
        finally
        {
            // A used container is never reused; removing it is not the caller's latency.
            containers.RemoveInBackground(id);
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

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Sweeping expired sandbox containers failed: {Error}")]
    private static partial void LogSweepFailed(ILogger logger, string error);
}
