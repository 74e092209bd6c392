using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wand.Fixtures;
using Wand.Jobs;

namespace Wand.Sandbox.Hostile;

/// <summary>
/// Candidates that attack the verdict, in four languages, through their own test runs: a process
/// outside the test process looking for a way to forge the result, a variant leaving everything it
/// can for the next one, a variant spoiling the build cache. Every variant of a batch runs in one
/// container here (one run at a time), so what one leaves is there for the next to find unless the
/// sandbox removed it. Each probe (the shell scripts beside this file) says what it found.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class HostileCandidateTests : IAsyncLifetime
{
    private readonly ServiceProvider _services;

    public HostileCandidateTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Wand:Sandbox:MaxConcurrentRuns"] = "1" })
            .Build();
        _services = new ServiceCollection().AddLogging().AddWandCore(configuration).BuildServiceProvider();
    }

    public static TheoryData<string> Languages => [.. ProbeTests.Languages];

    private SandboxRunner Runner => _services.GetRequiredService<SandboxRunner>();

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Forger_OutsideTheTestProcess_FindsNoBoundaryNoResultChannelAndNoSharedFile(string language)
    {
        var job = Job(language);
        var forging = job with { Files = [.. job.Files, ProbeTests.For(language, "forge", "forge.sh")] };

        var result = await Runner.RunAsync(forging, CancellationToken.None);

        var probe = ProbeTests.In(result, "forge");
        Assert.True(probe.Outcome == TestOutcome.Passed, probe.Message);
        // The sample's own defect still fails: the result is the run's, not one the forger wrote.
        Assert.False(result.AllPassed);
        Assert.Equal(ExitReason.Completed, result.Reason);
        Assert.Equal(1, result.Failed);
        Assert.Equal(0, await CountLeftBehindAsync());
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Variants_InEitherOrder_SeeNothingTheOthersLeft(string language)
    {
        var job = Job(language);
        var leaver = new SandboxVariant([ProbeTests.For(language, "leave", "leave.sh")]);
        var checker = new SandboxVariant([ProbeTests.For(language, "check", "check.sh")]);

        var leaverFirst = await Runner.RunVariantsAsync(new SandboxVariants(job, [leaver, checker, leaver, checker], job.Timeout), CancellationToken.None);
        var checkerFirst = await Runner.RunVariantsAsync(new SandboxVariants(job, [checker, leaver, checker, leaver], job.Timeout), CancellationToken.None);

        foreach (var (result, index) in leaverFirst.Select((r, i) => (r, i)).Where(x => x.i % 2 == 1).Concat(checkerFirst.Select((r, i) => (r, i)).Where(x => x.i % 2 == 0)))
        {
            var probe = ProbeTests.In(result, "check");
            Assert.True(probe.Outcome == TestOutcome.Passed, $"variant {index}: {probe.Message}");
        }

        // A variant's result does not depend on which ran before it.
        Assert.Equal(Outcomes(leaverFirst[0]), Outcomes(checkerFirst[1]));
        Assert.Equal(Outcomes(leaverFirst[1]), Outcomes(checkerFirst[0]));
        Assert.All(leaverFirst.Concat(checkerFirst), r => Assert.Equal(ExitReason.Completed, r.Reason));
        Assert.Equal(0, await CountLeftBehindAsync());
    }

    /// <summary>
    /// A poisoner spoils its own copy of the build cache (Go's, ccache's) and tries the seed's that
    /// every variant copies; the fix after it compiles only its changed file and takes the rest
    /// from its own copy of the seed.
    /// </summary>
    [Theory]
    [InlineData("go", "max.go", "best := 0", "best := values[0]")]
    [InlineData("cpp", "vowels.cpp", "case 'o':", "case 'o': case 'u':")]
    public async Task ASpoiledBuildCache_SpoilsOnlyItsOwnVariant(string language, string file, string bug, string fixedCode)
    {
        var job = Job(language);
        var original = System.Text.Encoding.UTF8.GetString(job.Files.Single(f => f.Path == file).Content);
        var fix = new JobFile(file, System.Text.Encoding.UTF8.GetBytes(original.Replace(bug, fixedCode, StringComparison.Ordinal)));
        var poisoner = new SandboxVariant([ProbeTests.For(language, "poison", "poison.sh")]);

        var results = await Runner.RunVariantsAsync(new SandboxVariants(job, [poisoner, new SandboxVariant([fix]), poisoner, new SandboxVariant([fix])], TimeSpan.FromSeconds(60)), CancellationToken.None);

        Assert.Equal(TestOutcome.Passed, ProbeTests.In(results[0], "poison").Outcome);
        Assert.True(results[1].AllPassed, results[1].Stdout + results[1].Stderr);
        Assert.True(results[3].AllPassed, results[3].Stdout + results[3].Stderr);
        Assert.Equal(0, await CountLeftBehindAsync());
    }

    [Fact]
    public async Task AVariantStoppedAtTheOutputCap_LeavesNothingForTheNext()
    {
        // The cap's kill and the cleaning after the run race; the cleaning must win every time.
        var job = new Job([.. ProbeTests.Scripts, new JobFile("step.sh", "sh check.sh\n"u8.ToArray())], LanguageProfile.Python, "sh step.sh", TimeSpan.FromSeconds(30), []);
        var flooder = new SandboxVariant([new JobFile("step.sh", "sh leave.sh\nhead -c 1040000 /dev/zero\n"u8.ToArray())]);
        var checker = new SandboxVariant([]);

        var results = await Runner.RunVariantsAsync(new SandboxVariants(job, [flooder, checker, flooder, checker, flooder, checker], job.Timeout), CancellationToken.None);

        Assert.All(results.Where((_, i) => i % 2 == 0), r => Assert.Equal(ExitReason.OutputTruncated, r.Reason));
        Assert.All(results.Where((_, i) => i % 2 == 1), r => Assert.True(r.ExitCode == 0, r.Stdout));
        Assert.All(results.Where((_, i) => i % 2 == 1), r => Assert.Contains("check: nothing of another variant", r.Stdout, StringComparison.Ordinal));
        Assert.Equal(0, await CountLeftBehindAsync());
    }

    [Fact]
    public async Task AVariantThatStopsEveryNewProcessOfItsUser_DelaysNoOtherVariant()
    {
        // Left running, it stops whatever the sandbox would start as the candidate to clean up
        // after it: the kills are root's, which no candidate can stop.
        const string Stopper = """
            setsid sh -c 'while :; do for p in /proc/[0-9]*; do [ "${p#/proc/}" != "$$" ] && [ -O "$p" ] && kill -STOP "${p#/proc/}" 2>/dev/null; done; done' </dev/null >/dev/null 2>&1 &
            sleep 1
            """;
        var results = await RunShellBatchAsync(Stopper, TimeSpan.FromSeconds(5));

        // It stops its own test too, which times out; the variants after it are untouched.
        Assert.All(results.Where((_, i) => i % 2 == 0), r => Assert.Equal(ExitReason.Timeout, r.Reason));
        Assert.All(results.Where((_, i) => i % 2 == 1), r => Assert.True(r.ExitCode == 0, $"{r.Reason}: {r.Stdout}{r.Stderr}"));
        Assert.All(results.Where((_, i) => i % 2 == 1), r => Assert.True(r.Timings.Run < TimeSpan.FromSeconds(10), $"{r.Reason} after {r.Timings.Run}"));
        Assert.Equal(0, await CountLeftBehindAsync());
    }

    [Fact]
    public async Task AVariantThatLeavesThirtyThousandFiles_IsCleanedWithinItsRun()
    {
        // Cleaning is linear in what was left (an earlier one was quadratic: 33 s for 20,000 files).
        const string Litter = "cd /tmp && seq 1 30000 | xargs touch\n";
        var results = await RunShellBatchAsync(Litter, TimeSpan.FromSeconds(60));

        Assert.All(results.Where((_, i) => i % 2 == 1), r => Assert.True(r.ExitCode == 0, $"{r.Reason}: {r.Stdout}{r.Stderr}"));
        Assert.Equal(0, await CountLeftBehindAsync());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    /// <summary>A shell job: each odd variant runs check.sh after an even one ran <paramref name="hostile"/>, all in one container.</summary>
    private async Task<IReadOnlyList<SandboxResult>> RunShellBatchAsync(string hostile, TimeSpan limit)
    {
        var job = new Job([.. ProbeTests.Scripts, new JobFile("step.sh", "sh check.sh\n"u8.ToArray())], LanguageProfile.Python, "sh step.sh", limit, []);
        var attacker = new SandboxVariant([new JobFile("step.sh", System.Text.Encoding.UTF8.GetBytes(hostile))]);
        var checker = new SandboxVariant([]);
        return await Runner.RunVariantsAsync(new SandboxVariants(job, [attacker, checker, attacker, checker], limit), CancellationToken.None);
    }

    private static Job Job(string language)
    {
        var sample = JobFolder.Load(RepositoryPaths.Samples(language));
        return sample with { Files = [.. sample.Files, .. ProbeTests.Scripts], Timeout = TimeSpan.FromSeconds(60) };
    }

    private static string Outcomes(SandboxResult result) =>
        string.Join(", ", result.Tests.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => $"{t.Name}={t.Outcome}"));

    private Task<int> CountLeftBehindAsync() => DockerFixture.CountUsedSandboxContainersAsync(_services);
}
