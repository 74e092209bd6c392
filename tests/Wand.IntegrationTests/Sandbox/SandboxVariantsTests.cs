using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wand.Fixtures;
using Wand.Jobs;

namespace Wand.Sandbox;

/// <summary>
/// Batches against real Docker, in containers given two CPUs: each variant gets its own
/// result, in order, whatever its neighbours do.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class SandboxVariantsTests : IAsyncLifetime
{
    private readonly ServiceProvider _services;
    private readonly DockerFixture _docker;

    public SandboxVariantsTests(DockerFixture docker)
    {
        _docker = docker;
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Wand:Sandbox:Cpus"] = "2" })
            .Build();
        _services = new ServiceCollection().AddLogging().AddWandCore(configuration).BuildServiceProvider();
    }

    private SandboxRunner Runner => _services.GetRequiredService<SandboxRunner>();

    [Fact]
    public async Task RunBatchAsync_PythonVariants_EachHasItsOwnResultAndTheHangTimesOutAlone()
    {
        var job = JobFolder.Load(RepositoryPaths.Samples("python"));
        var stats = Text(job, "stats.py");
        var batch = new SandboxVariants(job,
        [
            new SandboxVariant([]),
            new SandboxVariant([File("test_hang.py", "import time\n\ndef test_hang():\n    time.sleep(600)\n")]),
            new SandboxVariant([File("stats.py", stats.Replace("ordered[mid] + ordered[mid + 1]", "ordered[mid - 1] + ordered[mid]", StringComparison.Ordinal))]),
            new SandboxVariant([File("stats.py", stats + "\ndef broken(:\n")]),
        ], TimeSpan.FromSeconds(3));

        var results = await Runner.RunVariantsAsync(batch, CancellationToken.None);

        Assert.Equal(4, results.Count);
        var (failing, hanging, fixedCode, syntaxError) = (results[0], results[1], results[2], results[3]);
        Assert.Equal(ExitReason.Completed, failing.Reason);
        Assert.Equal(1, failing.ExitCode);
        Assert.Equal("test_stats.test_median_even_count", Assert.Single(failing.Tests, t => t.Outcome == TestOutcome.Failed).Name);
        Assert.Contains("1 failed", failing.Stdout, StringComparison.Ordinal);

        // pytest stops the looping test shortly before the limit and reports every test: out of time.
        Assert.True(hanging.RanOutOfTime, $"{hanging.Reason}: {hanging.Stdout}");
        // The agent kills the hanging run at its own limit, not the container's backstop.
        Assert.InRange(hanging.Timings.Run, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(6));

        Assert.True(fixedCode.AllPassed, fixedCode.Stdout);
        Assert.Equal(4, fixedCode.Passed);

        Assert.Equal(ExitReason.CompileError, syntaxError.Reason);
        Assert.Contains(syntaxError.Diagnostics, d => d.File == "stats.py");
        Assert.Empty(syntaxError.Tests);
        Assert.Equal(0, await CountLeftBehindAsync());
    }

    [Fact]
    public async Task RunBatchAsync_GoCompileErrorAndFix_OneFailsToCompileTheOtherPasses()
    {
        var job = JobFolder.Load(RepositoryPaths.Samples("go"));
        var max = Text(job, "max.go");
        var batch = new SandboxVariants(job,
        [
            new SandboxVariant([File("max.go", max.Replace("best := 0", "best := ", StringComparison.Ordinal))]),
            new SandboxVariant([File("max.go", max.Replace("best := 0", "best := values[0]", StringComparison.Ordinal))]),
        ], TimeSpan.FromSeconds(60));

        var results = await Runner.RunVariantsAsync(batch, CancellationToken.None);

        Assert.Equal(ExitReason.CompileError, results[0].Reason);
        Assert.Contains(results[0].Diagnostics, d => d.File.EndsWith("max.go", StringComparison.Ordinal));
        Assert.True(results[1].AllPassed, results[1].Stdout + results[1].Stderr);
        Assert.Equal(3, results[1].Passed);
        Assert.Equal(0, await CountLeftBehindAsync());
    }

    [Fact]
    public async Task RunBatchAsync_RustVariants_EachIsBuiltFromItsOwnSources()
    {
        // Cargo decides freshness by modification time, and a batch's variants share theirs: a
        // shared build folder once ran the first variant's build for all of them.
        var job = JobFolder.Load(RepositoryPaths.Samples("bugs/rs-window-sums"));
        var lib = Text(job, "src/lib.rs");
        var fixedLib = lib.Replace("(0..values.len() - size)", "(0..=values.len() - size)", StringComparison.Ordinal);
        var batch = new SandboxVariants(job,
        [
            new SandboxVariant([File("src/lib.rs", lib + "// the defect\n")]),
            new SandboxVariant([File("src/lib.rs", fixedLib)]),
            new SandboxVariant([File("src/lib.rs", lib + "// the defect again\n")]),
            new SandboxVariant([File("src/lib.rs", fixedLib + "// fixed again\n")]),
        ], TimeSpan.FromSeconds(120));

        var results = await Runner.RunVariantsAsync(batch, CancellationToken.None);

        Assert.Equal([false, true, false, true], results.Select(r => r.AllPassed));
        Assert.All(results, r => Assert.Equal(ExitReason.Completed, r.Reason));
        Assert.Equal(0, await CountLeftBehindAsync());
    }

    [Fact]
    public async Task RunBatchAsync_ShellVariants_ExitCodesOutputCapsAndWatchdogArePerVariant()
    {
        // The test command is the job's; each variant brings its own run.sh.
        var job = new Job([File("run.sh", "exit 0\n")], LanguageProfile.Python, "sh run.sh", TimeSpan.FromSeconds(30), []);
        var batch = new SandboxVariants(job,
        [
            new SandboxVariant([File("run.sh", "head -c 2000000 /dev/zero | tr '\\0' x\n")]),
            new SandboxVariant([File("run.sh", "sleep 600 & sleep 600\n")]),
            new SandboxVariant([File("run.sh", "echo to stderr >&2; exit 3\n")]),
            new SandboxVariant([]),
        ], TimeSpan.FromSeconds(2));

        var results = await Runner.RunVariantsAsync(batch, CancellationToken.None);

        // 2 MB is past the output limit (1 MB): stopped there, a few KB kept.
        Assert.Equal(ExitReason.OutputTruncated, results[0].Reason);
        Assert.InRange(results[0].Stdout.Length, 8 * 1024, 9 * 1024);
        Assert.Contains("[wand: output truncated", results[0].Stdout, StringComparison.Ordinal);
        Assert.Equal(ExitReason.Timeout, results[1].Reason);
        Assert.InRange(results[1].Timings.Run, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
        // A command that leaves no test report ran no test, whatever its exit code.
        Assert.Equal((ExitReason.NoTests, 3), (results[2].Reason, results[2].ExitCode));
        Assert.Equal("to stderr\n", results[2].Stderr);
        Assert.Equal((ExitReason.NoTests, 0), (results[3].Reason, results[3].ExitCode));
        Assert.False(results[3].AllPassed);
        Assert.Equal(0, await CountLeftBehindAsync());
    }

    [Fact]
    public async Task RunBatchAsync_VariantPathOutsideTheJob_FailsBeforeAnyDockerCall()
    {
        // A runner whose Docker does not exist: reaching Docker at all would fail differently.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Wand:Sandbox:DockerHost"] = "unix:///tmp/wand-no-such-docker.sock",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddWandCore(configuration).BuildServiceProvider();
        var job = Job.Create([File("a.py", "x = 1\n")], LanguageProfile.Python);
        var batch = new SandboxVariants(job, [new SandboxVariant([File("a.py", "x = 2\n")]), new SandboxVariant([File("../escape.py", "")])], TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<InvalidJobException>(() => services.GetRequiredService<SandboxRunner>().RunVariantsAsync(batch, CancellationToken.None));

        Assert.Equal("variant 1: file path '../escape.py' must stay inside the job (no '..', '.' or empty segments)", error.Message);
    }

    [Fact]
    public async Task RunBatchAsync_PythonVariantsInAWarmContainer_EachRunsInAZygoteOfItsOwnForkedByTheAgent()
    {
        // The agent keeps pytest imported; each variant's zygote is forked from it as the candidate,
        // after the last variant's cleanup. Each test says where it ran, in its failure message (the
        // container too: a variant rerun in another container may get a pid seen before).
        var job = JobFolder.Load(RepositoryPaths.Samples("python"));
        var probe = File("test_where.py", """
            import os

            def test_where():
                parent = open(f"/proc/{os.getppid()}/cmdline").read().replace("\0", " ")
                assert False, f"uid {os.getuid()} parent {os.uname().nodename}:{os.getppid()} {parent}"
            """);
        var options = _services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SandboxOptions>>().Value;
        await _services.GetRequiredService<WarmContainerPool>().WarmUpAsync(new SandboxImageCatalog(options.ImagePrefix).ImageName("python"), CancellationToken.None);

        var results = await Runner.RunVariantsAsync(new SandboxVariants(job, [new SandboxVariant([probe]), new SandboxVariant([probe]), new SandboxVariant([probe])], TimeSpan.FromSeconds(30)), CancellationToken.None);

        var where = results.Select(r => Assert.Single(r.Tests, t => t.Name.EndsWith("test_where", StringComparison.Ordinal)).Message!).ToList();
        Assert.All(where, w => Assert.True(int.Parse(System.Text.RegularExpressions.Regex.Match(w, @"uid (\d+) parent").Groups[1].Value, CultureInfo.InvariantCulture) >= RunScript.MinCandidateUid, w));
        Assert.All(where, w => Assert.Contains("/usr/local/lib/wand/agent.py", w, StringComparison.Ordinal));
        var parents = where.Select(w => w[(w.IndexOf("parent ", StringComparison.Ordinal) + 7)..].Split(' ')[0]).ToList();
        Assert.Equal(3, parents.Distinct().Count());
        Assert.Equal(0, await CountLeftBehindAsync());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    // Spares of the fixture's warm pool (other tests of the collection) are not ours to count either.
    private Task<int> CountLeftBehindAsync() => DockerFixture.CountUsedSandboxContainersAsync(_services);

    private static JobFile File(string path, string content) => new(path, Encoding.UTF8.GetBytes(content));

    private static string Text(Job job, string path) => Encoding.UTF8.GetString(job.Files.Single(f => f.Path == path).Content);
}
