using Docker.DotNet;
using Docker.DotNet.Models;

namespace Wand.Sandbox;

/// <summary>How one exec in a sandbox ended.</summary>
/// <param name="DeadlinePassed">The wall-clock limit ran out first.</param>
/// <param name="OutputLimitReached">It wrote more than allowed and was stopped.</param>
/// <param name="ExitCode">The command's exit status, when asked for and it ended on its own.</param>
internal sealed record ExecOutcome(bool DeadlinePassed, bool OutputLimitReached, long? ExitCode = null);

/// <summary>
/// Runs one command in a running container through the exec API: optional environment
/// variables (in the exec's own environment, which candidates cannot read), optional stdin bytes, the
/// output handed to sinks as it arrives, a limit on the bytes that count, and a wall-clock
/// deadline. Stopping early is the caller's business (it kills the container): ending our
/// read alone would leave the process running.
/// </summary>
internal sealed class ContainerExec(IDockerClient client)
{
    public async Task<ExecOutcome> RunAsync(
        string containerId, IList<string> command, IList<string>? environment, byte[]? stdin, TimeSpan deadline, long outputLimit,
        IOutputSink stdout, IOutputSink stderr, CancellationToken cancellationToken, bool exitCode = false)
    {
        var exec = await client.Exec.CreateContainerExecAsync(containerId, new ContainerExecCreateParameters
        {
            Cmd = command,
            Env = environment ?? [],
            AttachStdin = stdin is not null,
            AttachStdout = true,
            AttachStderr = true,
        }, cancellationToken);

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
                    return new ExecOutcome(false, false, exitCode ? (await client.Exec.InspectContainerExecAsync(exec.ID, timer.Token)).ExitCode : null);
                }

                (read.Target == MultiplexedStream.TargetStream.StandardError ? stderr : stdout).Append(buffer, read.Count);
                if (stdout.CountedBytes + stderr.CountedBytes > outputLimit)
                {
                    return new ExecOutcome(false, true);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ExecOutcome(true, false);
        }
    }
}
