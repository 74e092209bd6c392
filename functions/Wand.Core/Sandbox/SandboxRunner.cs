using System.Diagnostics;
using System.Formats.Tar;
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
    ILogger<SandboxRunner> logger)
{
    // The test command runs in its own process group; when it ends, the group is killed, so a
    // child it left behind can neither keep running nor hold the output stream open.
    private const string ProcessGroupWrapper =
        "setsid sh -c \"$1\" & pid=$!; wait $pid; status=$?; kill -KILL -$pid 2>/dev/null; exit $status";

    // Reports and the kernel's OOM counters (cgroup v1 and v2), read after the test command.
    private const string CollectScript =
        "cat /sys/fs/cgroup/memory/memory.oom_control /sys/fs/cgroup/memory.events 2>/dev/null | grep '^oom_kill ' >&2; " +
        "tar -c -f - -C /work --exclude=.wand/classes --exclude=.wand/tests .wand 2>/dev/null; exit 0";

    private const int ReportLimitBytes = 8_000_000;
    private const int KeptOutputBytes = 64 * 1024;

    private static readonly TimeSpan CopyInTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CollectTimeout = TimeSpan.FromSeconds(30);

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
        var exec = new ContainerExec(docker.Client);
        var clock = Stopwatch.StartNew();
        var id = await pool.TakeAsync(image, job.Timeout + CopyInTimeout + CollectTimeout + TimeSpan.FromMinutes(5), cancellationToken);
        var containerTime = clock.Elapsed;
        try
        {
            clock.Restart();
            var copy = await exec.RunAsync(id, ["tar", "-x", "-m", "-C", SandboxContainers.WorkDir, "-f", "-"], ToTar(job.Files),
                CopyInTimeout, KeptOutputBytes, KeptOutputBytes, cancellationToken);
            if (copy.ExitCode != 0)
            {
                throw new InvalidOperationException($"Copying the job's files into the sandbox failed (exit {copy.ExitCode}): {copy.Stderr}");
            }

            var copyTime = clock.Elapsed;

            clock.Restart();
            var test = await exec.RunAsync(id, ["sh", "-c", ProcessGroupWrapper, "wand", job.TestCommand], null,
                job.Timeout, settings.OutputLimitBytes, KeptOutputBytes, cancellationToken);
            var testTime = clock.Elapsed;
            if (test.DeadlinePassed || test.OutputLimitReached)
            {
                await containers.KillAsync(id);
                return new SandboxResult(test.DeadlinePassed ? ExitReason.Timeout : ExitReason.OutputTruncated, null, [], [],
                    test.Stdout.ToString(), test.Stderr.ToString(), new SandboxTimings(containerTime, copyTime, testTime, TimeSpan.Zero));
            }

            clock.Restart();
            var collect = await exec.RunAsync(id, ["sh", "-c", CollectScript], null, CollectTimeout, ReportLimitBytes, ReportLimitBytes, cancellationToken);
            var reports = RunReports.FromTar(collect.Stdout.Bytes);
            var oomKilled = collect.Stderr.ToString().Split('\n').Any(l => l.StartsWith("oom_kill ", StringComparison.Ordinal) && l.Trim() != "oom_kill 0");
            var reason = reports.CompileFailed ? ExitReason.CompileError
                : oomKilled ? ExitReason.OutOfMemory
                : test.ExitCode is 137 or -9 ? ExitReason.Killed
                : ExitReason.Completed;
            return new SandboxResult(reason, test.ExitCode, reports.Tests(job.Language), reports.Diagnostics(job.Language),
                test.Stdout.ToString(), test.Stderr.ToString(), new SandboxTimings(containerTime, copyTime, testTime, clock.Elapsed));
        }
        finally
        {
            // Removal is the caller's latency only in part: a used container is never reused.
            await containers.RemoveAsync(id);
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

    private static byte[] ToTar(IReadOnlyList<JobFile> files)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var file in files)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, file.Path)
                {
                    DataStream = new MemoryStream(file.Content, writable: false),
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    ModificationTime = DateTimeOffset.UnixEpoch,
                });
            }
        }

        return tar.ToArray();
    }

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Sweeping expired sandbox containers failed: {Error}")]
    private static partial void LogSweepFailed(ILogger logger, string error);
}
