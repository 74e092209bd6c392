using Wand.Fixtures;
using Wand.Jobs;

namespace Wand.Sandbox;

[Collection(InfrastructureCollection.Name)]
public sealed class SandboxRunnerTests(DockerFixture docker)
{
    [Fact]
    public async Task RunAsync_PythonSample_ReportsEachTestWithTheFailureMessage()
    {
        var job = JobFolder.Load(RepositoryPaths.Samples("python"));

        var result = await docker.Runner.RunAsync(job, CancellationToken.None);

        Assert.Equal(ExitReason.Completed, result.Reason);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(4, result.Tests.Count);
        var failed = Assert.Single(result.Tests, t => t.Outcome == TestOutcome.Failed);
        Assert.Equal("test_stats.test_median_even_count", failed.Name);
        Assert.Contains("assert 3.5 == 2.5", failed.Message, StringComparison.Ordinal);
        Assert.False(result.AllPassed);
        Assert.Equal(0, await docker.CountUsedSandboxContainersAsync());
    }

    [Fact]
    public async Task RunAsync_FixedCode_AllPass()
    {
        var job = JobFolder.Load(RepositoryPaths.Samples("python"));
        var fixedFiles = job.Files.Select(f => f.Path == "stats.py"
            ? f with { Content = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(f.Content).Replace("ordered[mid] + ordered[mid + 1]", "ordered[mid - 1] + ordered[mid]", StringComparison.Ordinal)) }
            : f).ToList();

        var result = await docker.Runner.RunAsync(job with { Files = fixedFiles }, CancellationToken.None);

        Assert.True(result.AllPassed, result.Stdout);
        Assert.Equal(4, result.Passed);
    }

    [Fact]
    public async Task RunAsync_SleepPastTheLimit_IsTimeoutAndTheContainerIsGone()
    {
        var job = JobFolder.Load(RepositoryPaths.Samples("python")) with { TestCommand = "sleep 600", Timeout = TimeSpan.FromSeconds(2) };

        var result = await docker.Runner.RunAsync(job, CancellationToken.None);

        Assert.Equal(ExitReason.Timeout, result.Reason);
        // The watchdog inside kills at the limit; the container kill 10 s later is only a backstop.
        Assert.InRange(result.Timings.Run, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
        Assert.Equal(0, await docker.CountUsedSandboxContainersAsync());
    }

    [Fact]
    public async Task RunAsync_NodeTestFileThatFailsBeforeItsTests_ShowsWhy()
    {
        // node's own JUnit report says only "test failed" of such a file: the cause is in what it wrote.
        var job = Job.Create(
            [
                new JobFile("add.js", "module.exports = (a, b) => a + b;\n"u8.ToArray()),
                new JobFile("add.test.js", "const test = require(\"node:test\");\nconst add = require(\"./add\");\nrequire(\"./no-such-module\");\ntest(\"adds\", () => {});\n"u8.ToArray()),
                new JobFile("ok.test.js", "const test = require(\"node:test\");\ntest(\"ok\", () => {});\n"u8.ToArray()),
            ],
            LanguageProfile.JavaScript);

        var result = await docker.Runner.RunAsync(job, CancellationToken.None);

        var failed = Assert.Single(result.Tests, t => t.Outcome == TestOutcome.Failed);
        Assert.Equal("add.test.js", failed.Name);
        Assert.StartsWith("Error: Cannot find module './no-such-module'", failed.Message, StringComparison.Ordinal);
        Assert.Equal("ok", Assert.Single(result.Tests, t => t.Outcome == TestOutcome.Passed).Name);
    }
}
