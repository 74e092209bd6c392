using Wand.Fixtures;

namespace Wand.Cli;

/// <summary>`wand doctor` run as a process, the way a user runs it.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class DoctorCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Doctor_EverythingInPlace_PrintsOneOkLinePerCheckAndExitsZero()
    {
        var result = await WandProcess.RunAsync(new Dictionary<string, string?>
        {
            ["Wand__Storage__ConnectionString"] = azurite.ConnectionString,
        }, "doctor");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Output}");
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("ok    docker", StringComparison.Ordinal) && l.Contains("API", StringComparison.Ordinal));
        foreach (var language in Sandbox.SandboxImageCatalog.Languages)
        {
            Assert.Contains(lines, l => l.StartsWith($"ok    image {language}", StringComparison.Ordinal) && l.Contains("up to date", StringComparison.Ordinal));
        }

        Assert.Contains(lines, l => l.StartsWith("ok    storage", StringComparison.Ordinal) && l.Contains(azurite.Azurite.BlobEndpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("warn  llm", StringComparison.Ordinal) && l.Contains("offline search generator", StringComparison.Ordinal));
        Assert.Equal("All required checks pass.", lines[^1]);
    }

    [Fact]
    public async Task Doctor_DockerHostSocketMissing_SaysSoWithAFixAndExitsNonZeroWithoutStackTrace()
    {
        var result = await WandProcess.RunAsync(new Dictionary<string, string?>
        {
            ["DOCKER_HOST"] = "unix:///tmp/wand-no-such-docker.sock",
            ["Wand__Storage__ConnectionString"] = azurite.ConnectionString,
        }, "doctor");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL  docker", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("no Docker daemon answers at unix:///tmp/wand-no-such-docker.sock", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("fix: ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("required checks failed.", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_Json_ReportsTheSameChecksAsData()
    {
        var result = await WandProcess.RunAsync(new Dictionary<string, string?>
        {
            ["Wand__Storage__ConnectionString"] = azurite.ConnectionString,
        }, "doctor", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
        // The shape of GET /api/health/details.
        Assert.Equal("healthy", json.RootElement.GetProperty("status").GetString());
        var names = json.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("docker", names);
        Assert.Contains("storage", names);
        Assert.Contains("llm", names);
        Assert.Equal(Sandbox.SandboxImageCatalog.Languages.Count, names.Count(n => n!.StartsWith("image ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Doctor_InvalidDockerHost_IsBadConfigurationExitTwo()
    {
        var result = await WandProcess.RunAsync(new Dictionary<string, string?> { ["DOCKER_HOST"] = "not a url" }, "doctor");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("DOCKER_HOST", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }
}
