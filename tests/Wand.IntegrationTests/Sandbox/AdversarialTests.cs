using Wand.Fixtures;
using Wand.Jobs;

namespace Wand.Sandbox;

/// <summary>
/// Candidates that misbehave. Each is contained, reported for what it did, leaves no container
/// behind, and the next ordinary run still works. Nothing here sends traffic off this machine.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class AdversarialTests(DockerFixture docker)
{
    [Fact]
    public async Task ForkBomb_IsHeldAtThePidsLimitAndStoppedAtTheTimeLimit()
    {
        // Every process keeps trying to fork, so it never gives up at the pids limit by itself.
        var result = await RunAsync("python3 -c 'import os\nwhile True:\n  try: os.fork()\n  except OSError: pass'", TimeSpan.FromSeconds(8));

        Assert.Equal(ExitReason.Timeout, result.Reason);
        // The watchdog's kills need CPU the bomb's processes also want: on a loaded 2-core CI
        // machine they have taken 4.1 s past the limit. run.sh's kill_all gives up at 20 s; the
        // bound holds them well inside that.
        Assert.InRange(result.Timings.Run, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(20));
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task MemoryBomb_IsOutOfMemory()
    {
        var result = await RunAsync("python3 -c 'chunks = []\nwhile True: chunks.append(bytearray(64 * 1024 * 1024))'", TimeSpan.FromSeconds(60));

        Assert.True(result.Reason == ExitReason.OutOfMemory, $"{result.Reason} exit {result.ExitCode}\n{result.Stderr}");
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task InfiniteLoop_IsATimeout()
    {
        var result = await RunAsync("python3 -c 'while True: pass'", TimeSpan.FromSeconds(3));

        Assert.Equal(ExitReason.Timeout, result.Reason);
        Assert.Null(result.ExitCode);
        Assert.InRange(result.Timings.Run, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6));
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task HundredMegabytesToStdout_IsStoppedAsOutputTruncated()
    {
        var result = await RunAsync("head -c 100000000 /dev/zero | tr '\\0' x", TimeSpan.FromSeconds(60));

        Assert.Equal(ExitReason.OutputTruncated, result.Reason);
        Assert.Contains("[wand: output truncated after", result.Stdout, StringComparison.Ordinal);
        Assert.True(result.Stdout.Length < 100_000, $"kept {result.Stdout.Length} characters");
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task FillingTheWorkDir_StopsAtItsSize()
    {
        var result = await RunAsync("dd if=/dev/zero of=fill bs=1M count=4096", TimeSpan.FromSeconds(60));

        Assert.Equal(ExitReason.NoTests, result.Reason);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("No space left on device", result.Stderr, StringComparison.Ordinal);
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task WritingOutsideTheWorkDir_IsRefused()
    {
        var result = await RunAsync("touch /etc/wand-was-here /usr/bin/wand-was-here /wand-was-here", TimeSpan.FromSeconds(10));

        Assert.Equal(ExitReason.NoTests, result.Reason);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(3, result.Stderr.Split('\n').Count(l => l.Contains("Read-only file system", StringComparison.Ordinal)));
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task ReadingTheHostsFiles_FindsNothingOfTheHost()
    {
        var secret = Path.Combine(Path.GetTempPath(), $"wand-host-secret-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(secret, "host only");
        try
        {
            var result = await RunAsync($"cat {secret}; test -e /var/run/docker.sock && echo DOCKER-SOCKET; id -u; cat /proc/1/cmdline | tr '\\0' ' '", TimeSpan.FromSeconds(10));

            Assert.DoesNotContain("host only", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("No such file or directory", result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("DOCKER-SOCKET", result.Stdout, StringComparison.Ordinal);
            Assert.InRange(int.Parse(result.Stdout.Split('\n')[0], System.Globalization.CultureInfo.InvariantCulture), RunScript.MinCandidateUid, int.MaxValue);
            Assert.Contains("docker-init", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }

        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task ChildThatOutlivesTheTestCommand_DoesNotHoldTheRunOpen()
    {
        var result = await RunAsync("sleep 600 & echo started", TimeSpan.FromSeconds(60));

        Assert.Equal(ExitReason.NoTests, result.Reason);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("started", result.Stdout, StringComparison.Ordinal);
        Assert.True(result.Timings.Run < TimeSpan.FromSeconds(20), $"the run took {result.Timings.Run}");
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task NetworkProbe_SeesOnlyLoopback()
    {
        // Lists interfaces and routes; sends nothing anywhere.
        var result = await RunAsync("python3 -c 'import socket; print(socket.if_nameindex())'; cat /proc/net/route", TimeSpan.FromSeconds(10));

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("[(1, 'lo')]", lines[0]);
        Assert.Single(lines.Skip(1)); // the routing table's header, and no route
    }

    [Fact]
    public async Task WritingToTheContainersOwnOutputAndOpeningFilesWithoutEnd_AreRefusedAndBounded()
    {
        // PID 1's stdout is what the daemon would log; the open-file limit holds however many are asked for.
        var result = await RunAsync(
            "{ echo flood > /proc/1/fd/1; } 2>&1; python3 -c 'import os\nn = 0\ntry:\n    while True:\n        os.open(\"/dev/null\", os.O_RDONLY); n += 1\nexcept OSError as e:\n    print(\"opened\", n, e.strerror)'",
            TimeSpan.FromSeconds(30));

        Assert.Contains("Permission denied", result.Stdout, StringComparison.Ordinal);
        var opened = result.Stdout.Split('\n').Single(l => l.StartsWith("opened ", StringComparison.Ordinal));
        Assert.InRange(int.Parse(opened.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), 1000, (int)SandboxContainers.OpenFilesLimit);
        Assert.Contains("Too many open files", opened, StringComparison.Ordinal);
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task FillingTmpAndSharedMemory_StopsAtTheirSizeAndTheRecordSurvives()
    {
        var result = await RunAsync("dd if=/dev/zero of=/tmp/fill bs=1M count=1024; dd if=/dev/zero of=/dev/shm/fill bs=1M count=1024; echo still here", TimeSpan.FromSeconds(60));

        Assert.Equal(ExitReason.NoTests, result.Reason);
        Assert.Equal(2, result.Stderr.Split('\n').Count(l => l.Contains("No space left on device", StringComparison.Ordinal)));
        Assert.Contains("still here", result.Stdout, StringComparison.Ordinal);
        await AssertStillWorksAsync();
    }

    [Fact]
    public async Task AFakeRecordOnStdout_IsOnlyOutput()
    {
        // A record as the runner frames them, with any boundary a candidate could guess: its stdout is not the result channel.
        var fake = "printf '\\nwand-00000000000000000000000000000000 0 0 0 0 10 0 0 0 0\\n\\nwand-00000000000000000000000000000000 end\\n'";
        var result = await RunAsync($"{fake}; exit 3", TimeSpan.FromSeconds(10));

        Assert.Equal((ExitReason.NoTests, 3), (result.Reason, result.ExitCode));
        Assert.Contains("wand-00000000000000000000000000000000 end", result.Stdout, StringComparison.Ordinal);
        await AssertStillWorksAsync();
    }

    private async Task<SandboxResult> RunAsync(string command, TimeSpan timeout)
    {
        var job = JobFolder.Load(RepositoryPaths.Samples("python")) with { TestCommand = command, Timeout = timeout };
        var result = await docker.Runner.RunAsync(job, CancellationToken.None);
        Assert.Equal(0, await docker.CountUsedSandboxContainersAsync());
        return result;
    }

    private async Task AssertStillWorksAsync()
    {
        var result = await docker.Runner.RunAsync(JobFolder.Load(RepositoryPaths.Samples("python")), CancellationToken.None);
        Assert.Equal(ExitReason.Completed, result.Reason);
        Assert.Equal(4, result.Tests.Count);
    }
}
