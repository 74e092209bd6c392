using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wand.Fixtures;
using Wand.Health;

namespace Wand.Functions;

/// <summary>GET /api/health answers with the doctor's checks, from the same Core code.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class HealthFunctionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Health_AllRequiredChecksPass_Is200WithEveryCheck()
    {
        var (function, _) = CreateFunction(new() { ["Wand:Storage:ConnectionString"] = azurite.ConnectionString });

        var result = Assert.IsType<ContentResult>(await function.Health(new DefaultHttpContext().Request));

        Assert.Equal(StatusCodes.Status200OK, result.StatusCode);
        using var json = JsonDocument.Parse(result.Content!);
        Assert.True(json.RootElement.GetProperty("healthy").GetBoolean());
        Assert.Equal("ok", json.RootElement.GetProperty("checks")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_DockerMissing_Is503AndNamesTheFailedCheck()
    {
        var (function, _) = CreateFunction(new()
        {
            ["Wand:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Wand:Sandbox:DockerHost"] = "unix:///tmp/wand-no-such-docker.sock",
        });

        var result = Assert.IsType<ContentResult>(await function.Health(new DefaultHttpContext().Request));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, result.StatusCode);
        using var json = JsonDocument.Parse(result.Content!);
        var docker = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "docker");
        Assert.Equal("failed", docker.GetProperty("status").GetString());
        Assert.Contains("wand-no-such-docker.sock", docker.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static (HealthFunction Function, ServiceProvider Services) CreateFunction(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddWandCore(configuration).BuildServiceProvider();
        return (new HealthFunction(services.GetRequiredService<HealthChecker>()), services);
    }
}
