using Docker.DotNet;
using Docker.DotNet.Models;

namespace Wand.Sandbox;

/// <summary>How one exec in a sandbox ended.</summary>
/// <param name="ExitCode">The process's exit code; null when it was stopped (deadline or output limit).</param>
/// <param name="DeadlinePassed">The wall-clock limit ran out first.</param>
/// <param name="OutputLimitReached">It wrote more than allowed and was stopped.</param>
internal sealed record ExecOutcome(int? ExitCode, bool DeadlinePassed, bool OutputLimitReached, CappedOutput Stdout, CappedOutput Stderr);

/// <summary>
/// Runs one command in a running container through the exec API: optional stdin bytes,
/// stdout/stderr kept up to a cap, and a wall-clock deadline. Stopping early is the caller's
/// business (it kills the container): ending our read alone would leave the process running.
/// </summary>
internal sealed class ContainerExec(IDockerClient client)
{
    public async Task<ExecOutcome> RunAsync(
        string containerId, IList<string> command, byte[]? stdin, TimeSpan deadline,
        long stopAfterBytes, int keepBytes, CancellationToken cancellationToken)
    {
        var exec = await client.Exec.CreateContainerExecAsync(containerId, new ContainerExecCreateParameters
        {
            Cmd = command,
            AttachStdin = stdin is not null,
            AttachStdout = true,
            AttachStderr = true,
        }, cancellationToken);

        var stdout = new CappedOutput(keepBytes);
        var stderr = new CappedOutput(keepBytes);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(deadline);
        try
        {
            using var stream = await client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), timer.Token);
            if (stdin is not null)
            {
                await stream.WriteAsync(stdin, 0, stdin.Length, timer.Token);
                stream.CloseWrite();
            }

            var buffer = new byte[81920];
            while (true)
            {
                var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, timer.Token);
                if (read.EOF)
                {
                    break;
                }

                (read.Target == MultiplexedStream.TargetStream.StandardError ? stderr : stdout).Append(buffer, read.Count);
                if (stdout.TotalBytes + stderr.TotalBytes > stopAfterBytes)
                {
                    return new ExecOutcome(null, false, true, stdout, stderr);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ExecOutcome(null, true, false, stdout, stderr);
        }

        return new ExecOutcome(await ExitCodeAsync(exec.ID, cancellationToken), false, false, stdout, stderr);
    }

    private async Task<int?> ExitCodeAsync(string execId, CancellationToken cancellationToken)
    {
        // The output stream can end a moment before the daemon records the exit.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var inspect = await client.Exec.InspectContainerExecAsync(execId, cancellationToken);
            if (!inspect.Running)
            {
                return (int?)inspect.ExitCode;
            }

            await Task.Delay(10, cancellationToken);
        }

        return null;
    }
}
