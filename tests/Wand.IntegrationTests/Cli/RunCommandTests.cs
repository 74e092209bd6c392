using Wand.Fixtures;

namespace Wand.Cli;

/// <summary>`wand run` on the samples, as a process.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class RunCommandTests(DockerFixture docker)
{
    [Fact]
    public async Task Run_PythonSampleWithOneBug_ShowsTheFailingTestAndExitsOne()
    {
        var result = await WandProcess.RunAsync(new Dictionary<string, string?>(), "run", "samples/python");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("4 tests, 3 passed, 1 failed; completed", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("FAIL  test_stats.test_median_even_count", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("assert 3.5 == 2.5", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, await docker.CountUsedSandboxContainersAsync());
    }

    [Fact]
    public async Task Run_MissingFolder_IsBadInputExitTwo()
    {
        var result = await WandProcess.RunAsync(new Dictionary<string, string?>(), "run", "samples/no-such-sample");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("job folder 'samples/no-such-sample' does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DockerUnreachable_IsEnvironmentExitThreeWithoutStackTrace()
    {
        var result = await WandProcess.RunAsync(new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix:///tmp/wand-no-such-docker.sock" }, "run", "samples/python");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("cannot reach Docker", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }
}
