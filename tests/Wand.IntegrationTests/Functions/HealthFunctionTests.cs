using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wand.Fixtures;

namespace Wand.Functions;

/// <summary>
/// GET /api/health (anonymous) says healthy or not and nothing more; GET /api/health/details
/// (function key) has the doctor's checks. The same Core code as `wand serve`'s.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class HealthFunctionTests(AzuriteFixture azurite)
{
    private const string MissingDocker = "unix:///tmp/wand-no-such-docker.sock";

    [Fact]
    public async Task Health_Anonymous_IsTheStatusAloneAndAgreesWithTheDetails()
    {
        await using var services = Services(new() { ["Wand:Storage:ConnectionString"] = azurite.ConnectionString });
        var function = ActivatorUtilities.CreateInstance<HealthFunction>(services);

        var status = Assert.IsType<ContentResult>(await function.Health(new DefaultHttpContext().Request));
        var details = Assert.IsType<ContentResult>(await function.HealthDetails(new DefaultHttpContext().Request));

        using var statusJson = JsonDocument.Parse(status.Content!);
        using var detailsJson = JsonDocument.Parse(details.Content!);
        // Whatever the machine's state (another checkout may have rebuilt an image), both say the same.
        var healthy = detailsJson.RootElement.GetProperty("checks").EnumerateArray()
            .All(c => c.GetProperty("status").GetString() != "failed" || !c.GetProperty("required").GetBoolean());
        Assert.Equal(healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, status.StatusCode);
        Assert.Equal(status.StatusCode, details.StatusCode);
        Assert.Equal("application/json", status.ContentType);
        Assert.Equal(healthy ? "healthy" : "unhealthy", Assert.Single(statusJson.RootElement.EnumerateObject()).Value.GetString());
        Assert.Equal(healthy ? "healthy" : "unhealthy", detailsJson.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_DockerMissing_Is503AndTellsAStrangerNothingMore()
    {
        await using var services = Services(new()
        {
            ["Wand:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Wand:Sandbox:DockerHost"] = MissingDocker,
        });

        var result = Assert.IsType<ContentResult>(await ActivatorUtilities.CreateInstance<HealthFunction>(services).Health(new DefaultHttpContext().Request));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, result.StatusCode);
        Assert.Equal("{\"status\":\"unhealthy\"}", JsonSerializer.Serialize(JsonDocument.Parse(result.Content!).RootElement));
        Assert.DoesNotContain("wand-no-such-docker", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthDetails_DockerMissing_Is503AndNamesTheFailedCheck()
    {
        await using var services = Services(new()
        {
            ["Wand:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Wand:Sandbox:DockerHost"] = MissingDocker,
        });

        var result = Assert.IsType<ContentResult>(await ActivatorUtilities.CreateInstance<HealthFunction>(services).HealthDetails(new DefaultHttpContext().Request));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, result.StatusCode);
        using var json = JsonDocument.Parse(result.Content!);
        Assert.Equal("unhealthy", json.RootElement.GetProperty("status").GetString());
        var docker = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "docker");
        Assert.Equal("failed", docker.GetProperty("status").GetString());
        Assert.Contains("wand-no-such-docker.sock", docker.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddWandCore(configuration).BuildServiceProvider();
    }
}
