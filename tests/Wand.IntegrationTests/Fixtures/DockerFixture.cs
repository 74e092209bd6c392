using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Wand.Sandbox;

namespace Wand.Fixtures;

/// <summary>
/// The Docker daemon every integration test talks to, with the sandbox images built and
/// current. Missing pieces fail the tests that need them with the command that fixes it,
/// in CI and everywhere else: never a skip.
/// </summary>
public sealed class DockerFixture : IAsyncLifetime
{
    public DockerFixture()
    {
        Options = Microsoft.Extensions.Options.Options.Create(new SandboxOptions
        {
            DockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST"),
        });
        Connection = new DockerConnection(Options);
    }

    public IOptions<SandboxOptions> Options { get; }

    public DockerConnection Connection { get; }

    public SandboxRunner CreateRunner() => new(Connection, Options, NullLogger<SandboxRunner>.Instance);

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

        var catalog = new SandboxImageCatalog(Options.Value.ImagePrefix);
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

    /// <summary>Containers carrying Wand's label; tests assert none is left behind.</summary>
    public async Task<int> CountSandboxContainersAsync()
    {
        var containers = await Connection.Client.Containers.ListContainersAsync(new Docker.DotNet.Models.ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [SandboxRunner.ManagedLabel] = true },
            },
        });
        return containers.Count;
    }

    public Task DisposeAsync()
    {
        Connection.Dispose();
        return Task.CompletedTask;
    }
}
