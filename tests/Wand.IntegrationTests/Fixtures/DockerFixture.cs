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
        // The doctor's own checks: the same verdict and the same fix a user would get.
        var failures = new List<Health.CheckResult>();
        foreach (var check in new Health.IHealthCheck[]
        {
            ActivatorUtilities.CreateInstance<Health.DockerDaemonCheck>(_services),
            ActivatorUtilities.CreateInstance<Health.SandboxImagesCheck>(_services),
        })
        {
            failures.AddRange((await check.RunAsync(CancellationToken.None)).Where(r => r.Status == Health.CheckStatus.Failed));
            if (failures.Count > 0)
            {
                break;
            }
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException(
                "Docker is not ready for the integration tests (eng/test.sh sets it up):\n" +
                string.Join("\n", failures.Select(f => $"  {f.Name}: {f.Detail}; fix: {f.Fix}")));
        }
    }

    /// <summary>Sandbox containers that are not warm-pool spares; tests assert none is left behind.</summary>
    /// <summary>The fixture's sandbox containers that are not its spares.</summary>
    public Task<int> CountUsedSandboxContainersAsync() => CountUsedSandboxContainersAsync(_services);

    /// <summary>The sandbox containers of another process (a `wand` run as a process) started with <c>Wand__Sandbox__Owner</c> = <paramref name="owner"/>.</summary>
    public async Task<int> CountSandboxContainersOfAsync(string owner) =>
        (await _services.GetRequiredService<SandboxContainers>().ListAsync(CancellationToken.None, owner)).Count;

    /// <summary>
    /// Sandbox containers that are not spares of <paramref name="services"/>' warm pool, once
    /// that pool has refilled and its removals have finished: only the ones that host made, so
    /// other processes using the same daemon at the same time do not count.
    /// </summary>
    public static async Task<int> CountUsedSandboxContainersAsync(IServiceProvider services)
    {
        // Spares still warming up are the pool's, not leftovers.
        var sandboxes = services.GetRequiredService<SandboxContainers>();
        await services.GetRequiredService<WarmContainerPool>().WhenRefilledAsync();
        await sandboxes.WhenRemovedAsync();
        var containers = await sandboxes.ListAsync(CancellationToken.None, sandboxes.Owner);
        var spares = services.GetRequiredService<WarmContainerPool>().ReadyContainerIds;
        return containers.Count(c => !spares.Contains(c.ID));
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();
}
