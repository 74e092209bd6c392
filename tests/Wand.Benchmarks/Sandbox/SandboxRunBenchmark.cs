using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wand.Sandbox;

namespace Wand.Benchmarks.Sandbox;

/// <summary>
/// The Python sample's tests, run three ways: bare (the image's own files, chrooted, as the
/// sandbox user: the same interpreter and pytest with no container), as a `docker run --rm`
/// through the CLI, and through <see cref="SandboxRunner"/> (a fresh hardened container).
/// </summary>
public static class SandboxRunBenchmark
{
    public static async Task<RatioTable> RunAsync(int iterations, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        await using var services = new ServiceCollection().AddLogging().AddWandCore(configuration).BuildServiceProvider();
        var runner = services.GetRequiredService<SandboxRunner>();
        var job = JobFolder.Load(Path.Combine(RepositoryRoot(), "samples", "python"));
        var image = new SandboxImageCatalog().ImageName("python");

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
            var bare = await Measurement.TimeAsync("bare (chroot)", iterations, () =>
                RunAsync("chroot", ["--userspec=10001:10001", rootfs, "/bin/sh", "-c", $"cd /work && HOME=/work {job.TestCommand}"], expectExit: 1));
            var cli = await Measurement.TimeAsync("docker run --rm (CLI)", iterations, () =>
                RunAsync("docker", ["run", "--rm", "--network", "none", "-v", $"{work}:/work", image, "sh", "-c", job.TestCommand], expectExit: 1));
            var sandbox = await Measurement.TimeAsync("SandboxRunner (cold)", iterations, async () =>
            {
                var result = await runner.RunAsync(job, cancellationToken);
                if (result.Tests.Count != 4)
                {
                    throw new InvalidOperationException($"expected 4 tests, got {result.Tests.Count}: {result.Stderr}");
                }
            });
            return new RatioTable($"Python sample, 4 pytest tests, {iterations} runs each (after one warm-up)", [bare, cli, sandbox]);
        }
        finally
        {
            await RunAsync("rm", ["-rf", rootfs]);
        }
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
        }
        finally
        {
            await RunAsync("docker", ["rm", "-f", container]);
        }

        return rootfs;
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> args, int expectExit = 0)
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
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmarks from a clone of the repository.");
    }
}
