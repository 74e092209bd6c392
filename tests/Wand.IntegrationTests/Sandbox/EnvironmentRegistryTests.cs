using Docker.DotNet.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wand.Fixtures;
using Wand.Jobs;

namespace Wand.Sandbox;

/// <summary>
/// Environment images shared through a registry (<c>Wand:Sandbox:EnvironmentRegistry</c>): the
/// host that makes one pushes it, another pulls it instead of making it again. Each "host" here
/// is a composition of Wand's services of its own, on the one Docker daemon.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class EnvironmentRegistryTests(DockerFixture docker) : IDisposable
{
    private readonly JobFolders _folders = new();

    [Fact]
    public async Task AnEnvironmentMadeOnOneHost_IsPulledByAnother_NotMadeAgain()
    {
        await using var registry = await LocalRegistry.StartAsync();
        var job = NewEnvironment();
        using var first = Host($"{registry.Address}/wand");
        using var second = Host($"{registry.Address}/wand");

        var (image, made) = await ImageForAsync(first, job);
        var id = (await docker.Connection.Client.Images.InspectImageAsync(image)).ID;
        var remote = $"{registry.Address}/wand:{image.Split(':')[0]}";
        await RemoveAsync(image, remote);
        var (again, madeAgain) = await ImageForAsync(second, job);

        Assert.Equal(1, made);
        Assert.Contains($"\"{image.Split(':')[0]}\"", await registry.TagsAsync("wand"), StringComparison.Ordinal);
        Assert.Equal(image, again);
        Assert.Equal(0, madeAgain);
        Assert.Equal(id, (await docker.Connection.Client.Images.InspectImageAsync(again)).ID);
        var result = await docker.Runner.RunAsync(job, CancellationToken.None);
        Assert.True(result is { Reason: ExitReason.Completed, Tests.Count: > 0 }, result.Stdout + result.Stderr);
        await RemoveAsync(image, remote);
    }

    [Fact]
    public async Task ARegistryThatDoesNotAnswer_CostsAMake_NotTheRun()
    {
        var job = NewEnvironment();
        using var host = Host("127.0.0.1:9/wand");

        var (image, made) = await ImageForAsync(host, job);

        Assert.Equal(1, made);
        Assert.NotNull(await docker.Connection.Client.Images.InspectImageAsync(image));
        await RemoveAsync(image);
    }

    public void Dispose() => _folders.Dispose();

    /// <summary>A job whose environment no earlier run made: its setup names a fresh id.</summary>
    private Job NewEnvironment() => JobFolder.Load(_folders.CopyOfSample("python", new Dictionary<string, string>
    {
        [".wand.yml"] = $"setup: echo {Guid.NewGuid():N} > \"$HOME/made-by\"\n",
    }));

    private static ServiceProvider Host(string registry) => new ServiceCollection().AddLogging()
        .AddWandCore(new ConfigurationBuilder().AddEnvironmentVariables()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Wand:Sandbox:EnvironmentRegistry"] = registry }).Build())
        .BuildServiceProvider();

    private static async Task<(string Image, int Made)> ImageForAsync(ServiceProvider host, Job job)
    {
        var environments = host.GetRequiredService<EnvironmentImages>();
        var made = 0;
        environments.Making += _ => Interlocked.Increment(ref made);
        var image = await environments.ImageForAsync(job, CancellationToken.None);
        return (image, made);
    }

    private async Task RemoveAsync(params string[] images)
    {
        foreach (var image in images)
        {
            try
            {
                await docker.Connection.Client.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true });
            }
            catch (Docker.DotNet.DockerImageNotFoundException)
            {
                // Already gone.
            }
        }
    }
}
