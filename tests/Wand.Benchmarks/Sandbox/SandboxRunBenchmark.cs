using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wand.Jobs;
using Wand.Sandbox;

namespace Wand.Benchmarks.Sandbox;

/// <summary>
/// A sample's tests (its image's `wand-test`), run four ways: bare (the image's own files,
/// chrooted, as the sandbox user, with the image's environment: the same toolchain with no
/// container), `docker run --rm` through the CLI, <see cref="SandboxRunner"/> with a cold
/// container per run, and <see cref="SandboxRunner"/> from the warm pool. Then runs per second
/// from the warm pool at concurrency 1 and 2.
/// </summary>
public static class SandboxRunBenchmark
{
    public static async Task<string> RunAsync(string sample, int iterations, CancellationToken cancellationToken)
    {
        var job = JobFolder.Load(Path.Combine(RepositoryRoot.Path, "samples", sample));
        var image = new SandboxImageCatalog().ImageName(job.Language.Image);
        await using var cold = Services(warmContainers: 0);
        await using var warm = Services(warmContainers: 2);
        var coldRunner = cold.GetRequiredService<SandboxRunner>();
        var warmRunner = warm.GetRequiredService<SandboxRunner>();
        await warm.GetRequiredService<WarmContainerPool>().WarmUpAsync(image, cancellationToken);

        var rootfs = await ExportImageAsync(image);
        try
        {
            var work = Path.Combine(rootfs, "work");
            foreach (var file in job.Files)
            {
                var path = Path.Combine(work, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, file.Content, cancellationToken);
            }

            await RunAsync("chown", ["-R", "10001:10001", work]);
            // Each run starts clean, as a sandbox does, and counts only if it produced its report.
            var freshRun = $"cd /work && rm -rf .wand .cache .go .target; {job.TestCommand}; status=$?; [ -s {job.Language.TestReportPath.TrimEnd('/')} ] && [ ! -e .wand/compile-failed ] || exit 99; exit $status";
            var imageEnv = (await CaptureAsync("docker", ["image", "inspect", "-f", "{{range .Config.Env}}{{println .}}{{end}}", image]))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);

            var bare = await Measurement.TimeAsync("bare (chroot)", iterations, () =>
                RunAsync("env", ["-i", .. imageEnv, "HOME=/work", "chroot", "--userspec=10001:10001", rootfs, "/bin/sh", "-c", freshRun], expectExit: 1));
            var cli = await Measurement.TimeAsync("docker run --rm (CLI)", iterations, () =>
                RunAsync("docker", ["run", "--rm", "--network", "none", "-v", $"{work}:/work", image, "sh", "-c", freshRun], expectExit: 1));
            var coldRuns = await Measurement.TimeAsync("SandboxRunner, cold", iterations, () => CheckedRunAsync(coldRunner, job, cancellationToken));
            var phases = new List<SandboxTimings>();
            // Latency of a run that finds a warm container and an idle machine: the replacement the
            // previous run started is ready first (untimed). Back-to-back load is the runs/s below.
            var pool = warm.GetRequiredService<WarmContainerPool>();
            var warmRuns = await Measurement.TimeAsync("SandboxRunner, warm pool", iterations, async () => phases.Add(await CheckedRunAsync(warmRunner, job, cancellationToken)),
                between: () => pool.WhenRefilledAsync());

            var text = new StringBuilder(new RatioTable($"{sample} sample ({job.Files.Count} files), {iterations} runs each after one warm-up; every variant may use all {Environment.ProcessorCount} cores", [bare, cli, coldRuns, warmRuns]).Render());
            text.AppendLine(CultureInfo.InvariantCulture,
                $"warm pool phases, median ms: container {Median(phases, t => t.Container)}, run {Median(phases, t => t.Run)}");
            foreach (var concurrency in new[] { 1, 2 })
            {
                var (runs, elapsed) = await ThroughputAsync(warmRunner, job, concurrency, iterations * 2, cancellationToken);
                text.AppendLine(CultureInfo.InvariantCulture, $"warm pool, concurrency {concurrency}: {runs / elapsed.TotalSeconds:F1} runs/s ({runs} runs in {elapsed.TotalSeconds:F1} s)");
            }

            return text.ToString();
        }
        finally
        {
            await RunAsync("umount", [Path.Combine(rootfs, "proc")]);
            await RunAsync("rm", ["-rf", rootfs]);
        }
    }

    private static double Median(List<SandboxTimings> timings, Func<SandboxTimings, TimeSpan> phase) =>
        Math.Round(timings.Select(phase).Order().ElementAt(timings.Count / 2).TotalMilliseconds);

    private static ServiceProvider Services(int warmContainers)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Wand:Sandbox:WarmContainersPerImage"] = warmContainers.ToString(CultureInfo.InvariantCulture),
                ["Wand:Sandbox:Cpus"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
            })
            .Build();
        return new ServiceCollection().AddLogging().AddWandCore(configuration).BuildServiceProvider();
    }

    private static async Task<SandboxTimings> CheckedRunAsync(SandboxRunner runner, Job job, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(job, cancellationToken);
        if (result.Reason != ExitReason.Completed || result.Failed != 1)
        {
            throw new InvalidOperationException($"unexpected result {result.Reason}, {result.Failed} failed:\n{result.Stdout}\n{result.Stderr}");
        }

        return result.Timings;
    }

    private static async Task<(int Runs, TimeSpan Elapsed)> ThroughputAsync(SandboxRunner runner, Job job, int concurrency, int runs, CancellationToken cancellationToken)
    {
        var next = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= runs)
            {
                await CheckedRunAsync(runner, job, cancellationToken);
            }
        }));
        return (runs, clock.Elapsed);
    }

    private static async Task<string> ExportImageAsync(string image)
    {
        var rootfs = Directory.CreateTempSubdirectory("wand-bench-rootfs-").FullName;
        await RunAsync("chmod", ["0755", rootfs]); // the sandbox user must reach its /
        var container = $"wand-bench-export-{Environment.ProcessId}";
        await RunAsync("docker", ["create", "--name", container, image]);
        try
        {
            await RunAsync("sh", ["-c", $"docker export {container} | tar -x -C {rootfs}"]);
            // What Docker gives every container: the usual device nodes and /proc.
            await RunAsync("sh", ["-c", $"cd {rootfs}/dev && mknod -m 666 null c 1 3 && mknod -m 666 zero c 1 5 && mknod -m 444 urandom c 1 9 && mknod -m 444 random c 1 8 && mount -t proc proc {rootfs}/proc"]);
        }
        finally
        {
            await RunAsync("docker", ["rm", "-f", container]);
        }

        return rootfs;
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> args, int expectExit = 0) => await CaptureAsync(file, args, expectExit);

    private static async Task<string> CaptureAsync(string file, IReadOnlyList<string> args, int expectExit = 0)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != expectExit)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}, expected {expectExit}:\n{await stdout}\n{await stderr}");
        }

        return await stdout;
    }
}
