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
        Assert.Equal(0, await docker.CountUsedSandboxContainersAsync(ownOnly: false));
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

    [Fact]
    public async Task Run_Json_GivesTheStructuredResult()
    {
        var result = await WandProcess.RunAsync(new Dictionary<string, string?>(), "run", "samples/go", "--json");

        Assert.Equal(1, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal("completed", root.GetProperty("reason").GetString());
        Assert.Equal(3, root.GetProperty("tests").GetArrayLength());
        Assert.Equal(2, root.GetProperty("passed").GetInt32());
        Assert.Contains(root.GetProperty("tests").EnumerateArray(), t => t.GetProperty("outcome").GetString() == "failed" && t.GetProperty("message").GetString()!.Contains("want -1", StringComparison.Ordinal));
        Assert.True(root.GetProperty("timings").GetProperty("run").GetString() is { Length: > 0 });
    }

    [Fact]
    public async Task Run_WandYmlTestCommandAndTimeout_AreUsed()
    {
        var folder = Directory.CreateTempSubdirectory("wand-run-yml-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "slow.py"), "import time\ntime.sleep(600)\n");
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, ".wand.yml"), "test: python3 slow.py\ntimeoutSeconds: 2\n");

            var result = await WandProcess.RunAsync(new Dictionary<string, string?>(), "run", folder.FullName);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("timed out", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Run_UnknownLanguage_IsBadInputNamingIt()
    {
        var result = await WandProcess.RunAsync(new Dictionary<string, string?>(), "run", "samples/python", "--language", "cobol");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown language 'cobol'; known: python, javascript, csharp, java, cpp, go, rust", result.Stderr, StringComparison.Ordinal);
    }
}
