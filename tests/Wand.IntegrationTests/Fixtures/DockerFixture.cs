using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wand.Sandbox;

namespace Wand.Fixtures;

/// <summary>
/// The Docker daemon every integration test talks to, with the sandbox images built and
/// current, and Wand's sandbox services composed as the hosts compose them. Missing pieces
/// fail the tests that need them with the command that fixes it, in CI and everywhere else:
/// never a skip.
/// </summary>
public sealed class DockerFixture : IAsyncLifetime
{
    private readonly ServiceProvider _services;

    public DockerFixture()
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        _services = new ServiceCollection().AddLogging().AddWandCore(configuration).BuildServiceProvider();
    }

    public IServiceProvider Services => _services;

    public DockerConnection Connection => _services.GetRequiredService<DockerConnection>();

    public SandboxRunner Runner => _services.GetRequiredService<SandboxRunner>();

    public async Task InitializeAsync()
    {
        try
        {
            await Connection.Client.System.PingAsync();
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException(
                $"No Docker daemon answers at {Connection.Endpoint} ({DockerErrors.Describe(ex)}). Run eng/test.sh, which starts one, or eng/setup.sh docker.", ex);
        }

        var catalog = new SandboxImageCatalog();
        var problems = new List<string>();
        foreach (var language in SandboxImageCatalog.Languages)
        {
            var image = catalog.ImageName(language);
            try
            {
                var inspect = await Connection.Client.Images.InspectImageAsync(image);
                var labels = inspect.Config?.Labels ?? new Dictionary<string, string>();
                if (!labels.TryGetValue(SandboxImageCatalog.ContentHashLabel, out var hash) || hash != SandboxImageCatalog.ExpectedHash(language))
                {
                    problems.Add($"{image} is out of date");
                }
            }
            catch (Docker.DotNet.DockerApiException)
            {
                problems.Add($"{image} is missing");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Sandbox images are not ready: {string.Join("; ", problems)}. Run sandbox-images/build.sh (eng/test.sh does).");
        }
    }

    /// <summary>Sandbox containers that are not warm-pool spares; tests assert none is left behind.</summary>
    public async Task<int> CountUsedSandboxContainersAsync()
    {
        // Spares still warming up are the pool's, not leftovers.
        await _services.GetRequiredService<WarmContainerPool>().WhenRefilledAsync();
        await _services.GetRequiredService<SandboxContainers>().WhenRemovedAsync();
        var containers = await Connection.Client.Containers.ListContainersAsync(new Docker.DotNet.Models.ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [SandboxContainers.ManagedLabel] = true },
            },
        });
        var spares = _services.GetRequiredService<WarmContainerPool>().ReadyContainerIds;
        return containers.Count(c => !spares.Contains(c.ID));
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();
}
