using System.Diagnostics;
using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Wand.Sandbox;

/// <summary>
/// Runs a job's tests in a fresh, hardened container: no network, read-only root, tmpfs
/// work dir, memory/CPU/pids limits, no capabilities, non-root. Files go in as a tar stream
/// through an exec (a read-only root refuses archive uploads, and a tmpfs hides files copied
/// before start), the test command runs as a second exec under a wall-clock limit enforced
/// by killing the container itself, and the container is removed whatever happens.
/// </summary>
public sealed partial class SandboxRunner(DockerConnection docker, IOptions<SandboxOptions> options, ILogger<SandboxRunner> logger)
{
    /// <summary>Every container Wand creates carries this label, so leftovers can be found.</summary>
    public const string ManagedLabel = "dev.wand.sandbox";

    private const string WorkDir = "/work";
    private const string SandboxUser = "10001:10001";
    private const int ReportLimitBytes = 4_000_000;

    public async Task<SandboxResult> RunAsync(SandboxJob job, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var image = new SandboxImageCatalog(settings.ImagePrefix).ImageName(job.Language.Image);
        var clock = Stopwatch.StartNew();
        var id = await CreateContainerAsync(image, settings, cancellationToken);
        try
        {
            await docker.Client.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken);
            await CopyInAsync(id, job.Files, cancellationToken);
            var run = await ExecAsync(id, ["sh", "-c", job.TestCommand], null, job.Timeout, settings.OutputLimitBytes, cancellationToken);
            var tests = run.Reason == ExitReason.Completed
                ? JUnitReport.Parse(await ReadFileAsync(id, job.Language.ReportPath, cancellationToken) ?? "")
                : [];
            return new SandboxResult(run.Reason, run.ExitCode, tests, run.Stdout, run.Stderr, clock.Elapsed);
        }
        finally
        {
            await RemoveAsync(id);
        }
    }

    private async Task<string> CreateContainerAsync(string image, SandboxOptions settings, CancellationToken cancellationToken)
    {
        var memory = settings.MemoryMegabytes * 1024L * 1024L;
        var created = await docker.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = image,
            User = SandboxUser,
            WorkingDir = WorkDir,
            Cmd = ["sleep", "infinity"],
            NetworkDisabled = true,
            Labels = new Dictionary<string, string> { [ManagedLabel] = "1" },
            HostConfig = new HostConfig
            {
                NetworkMode = "none",
                ReadonlyRootfs = true,
                Tmpfs = new Dictionary<string, string>
                {
                    // exec: compiled candidates run their own binaries from here.
                    [WorkDir] = $"rw,exec,nosuid,nodev,size={settings.WorkDirMegabytes}m,uid=10001,gid=10001,mode=0755",
                    ["/tmp"] = "rw,exec,nosuid,nodev,size=64m,mode=1777",
                },
                Memory = memory,
                MemorySwap = memory,
                NanoCPUs = (long)(settings.Cpus * 1_000_000_000),
                PidsLimit = settings.PidsLimit,
                CapDrop = ["ALL"],
                SecurityOpt = ["no-new-privileges"],
                Init = true,
            },
        }, cancellationToken);
        return created.ID;
    }

    private async Task CopyInAsync(string id, IReadOnlyList<JobFile> files, CancellationToken cancellationToken)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var file in files)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, file.Path)
                {
                    DataStream = new MemoryStream(file.Content, writable: false),
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    ModificationTime = DateTimeOffset.UnixEpoch,
                };
                writer.WriteEntry(entry);
            }
        }

        var result = await ExecAsync(id, ["tar", "-x", "-m", "-C", WorkDir, "-f", "-"], tar.ToArray(), TimeSpan.FromSeconds(60), 64_000, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Copying the job's files into the sandbox failed ({result.Reason}, exit {result.ExitCode}): {result.Stderr}");
        }
    }

    /// <summary>Reads a regular file the run left in the work dir; null when absent or a symlink.</summary>
    private async Task<string?> ReadFileAsync(string id, string relativePath, CancellationToken cancellationToken)
    {
        var result = await ExecAsync(
            id,
            ["sh", "-c", "[ -f \"$1\" ] && [ ! -L \"$1\" ] && cat -- \"$1\"", "sh", $"{WorkDir}/{relativePath}"],
            null, TimeSpan.FromSeconds(30), ReportLimitBytes, cancellationToken);
        return result.ExitCode == 0 && result.Reason == ExitReason.Completed ? result.Stdout : null;
    }

    private async Task<ExecResult> ExecAsync(string id, IList<string> command, byte[]? stdin, TimeSpan timeout, int outputLimit, CancellationToken cancellationToken)
    {
        var exec = await docker.Client.Exec.CreateContainerExecAsync(id, new ContainerExecCreateParameters
        {
            Cmd = command,
            AttachStdin = stdin is not null,
            AttachStdout = true,
            AttachStderr = true,
            WorkingDir = WorkDir,
        }, cancellationToken);

        var stdout = new CappedOutput(outputLimit);
        var stderr = new CappedOutput(outputLimit);
        var reason = ExitReason.Completed;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using (var stream = await docker.Client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), deadline.Token))
        {
            if (stdin is not null)
            {
                await stream.WriteAsync(stdin, 0, stdin.Length, deadline.Token);
                stream.CloseWrite();
            }

            var buffer = new byte[81920];
            try
            {
                while (true)
                {
                    var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, deadline.Token);
                    if (read.EOF)
                    {
                        break;
                    }

                    (read.Target == MultiplexedStream.TargetStream.StandardError ? stderr : stdout).Append(buffer, read.Count);
                    if (stdout.TotalBytes + stderr.TotalBytes > outputLimit)
                    {
                        reason = ExitReason.OutputTruncated;
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                reason = ExitReason.Timeout;
            }
        }

        if (reason != ExitReason.Completed)
        {
            // The limit holds on the container itself: ending our read would leave it running.
            await KillAsync(id);
            return new ExecResult(reason, null, stdout.ToString(), stderr.ToString());
        }

        var exitCode = await WaitForExitCodeAsync(exec.ID, cancellationToken);
        return new ExecResult(reason, exitCode, stdout.ToString(), stderr.ToString());
    }

    private async Task<int?> WaitForExitCodeAsync(string execId, CancellationToken cancellationToken)
    {
        // The output stream can end a moment before the daemon records the exit.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var inspect = await docker.Client.Exec.InspectContainerExecAsync(execId, cancellationToken);
            if (!inspect.Running)
            {
                return (int?)inspect.ExitCode;
            }

            await Task.Delay(20, cancellationToken);
        }

        return null;
    }

    private async Task KillAsync(string id)
    {
        try
        {
            await docker.Client.Containers.KillContainerAsync(id, new ContainerKillParameters { Signal = "KILL" }, CancellationToken.None);
        }
        catch (DockerApiException ex)
        {
            // Already stopped: nothing left to kill.
            LogKillFailed(logger, id, ex.StatusCode);
        }
    }

    private async Task RemoveAsync(string id)
    {
        try
        {
            await docker.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
        catch (DockerContainerNotFoundException)
        {
            // Gone already.
        }
        catch (Exception ex) when (ex is DockerApiException or HttpRequestException or IOException)
        {
            // The next start sweeps containers with our label; a run's result is worth more than this error.
            LogRemoveFailed(logger, id, ex.Message);
        }
    }

    private sealed record ExecResult(ExitReason Reason, int? ExitCode, string Stdout, string Stderr);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Killing sandbox {ContainerId} failed: {Status}")]
    private static partial void LogKillFailed(ILogger logger, string containerId, System.Net.HttpStatusCode status);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Removing sandbox {ContainerId} failed: {Error}")]
    private static partial void LogRemoveFailed(ILogger logger, string containerId, string error);
}
