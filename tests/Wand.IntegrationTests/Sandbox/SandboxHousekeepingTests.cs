using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wand.Fixtures;
using Wand.Jobs;

namespace Wand.Sandbox;

/// <summary>Bad requests never reach Docker; leftovers of a crashed process are swept.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class SandboxHousekeepingTests(DockerFixture docker)
{
    [Fact]
    public async Task RunAsync_InvalidJob_FailsBeforeAnyDockerCall()
    {
        // A runner whose Docker does not exist: reaching Docker at all would fail differently.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Wand:Sandbox:DockerHost"] = "unix:///tmp/wand-no-such-docker.sock",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddWandCore(configuration).BuildServiceProvider();
        var runner = services.GetRequiredService<SandboxRunner>();
        var job = Job.Create([new JobFile("../../etc/cron.d/x", [1])], LanguageProfile.Python);

        var error = await Assert.ThrowsAsync<InvalidJobException>(() => runner.RunAsync(job, CancellationToken.None));

        Assert.Contains("'../../etc/cron.d/x' must stay inside the job", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateStartedAsync_WithAnOwnerSetting_LabelsTheContainerWithIt()
    {
        var owner = Guid.NewGuid().ToString("N");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Wand:Sandbox:Owner"] = owner }).Build();
        await using var services = new ServiceCollection().AddLogging().AddWandCore(configuration).BuildServiceProvider();
        var containers = services.GetRequiredService<SandboxContainers>();

        var id = await containers.CreateStartedAsync(new SandboxImageCatalog().ImageName("python"), TimeSpan.FromMinutes(5), CancellationToken.None);
        var counted = await docker.CountSandboxContainersOfAsync(owner);
        await containers.RemoveAsync(id);

        Assert.Equal(owner, containers.Owner);
        Assert.Equal(1, counted);
        Assert.Equal(0, await docker.CountSandboxContainersOfAsync(owner));
    }

    [Fact]
    public async Task Janitor_RemovesExpiredSandboxesAndKeepsLiveOnes()
    {
        var containers = docker.Services.GetRequiredService<SandboxContainers>();
        var image = new SandboxImageCatalog().ImageName("python");
        var expired = await containers.CreateStartedAsync(image, TimeSpan.FromSeconds(-1), CancellationToken.None);
        var live = await containers.CreateStartedAsync(image, TimeSpan.FromMinutes(10), CancellationToken.None);
        try
        {
            var removed = await docker.Services.GetRequiredService<SandboxJanitor>().SweepAsync(CancellationToken.None);

            Assert.True(removed >= 1);
            await Assert.ThrowsAsync<Docker.DotNet.DockerContainerNotFoundException>(() => docker.Connection.Client.Containers.InspectContainerAsync(expired));
            Assert.True((await docker.Connection.Client.Containers.InspectContainerAsync(live)).State!.Running);
        }
        finally
        {
            await containers.RemoveAsync(expired);
            await containers.RemoveAsync(live);
        }
    }

    [Fact]
    public async Task Container_IsHardenedAsDocumented()
    {
        var containers = docker.Services.GetRequiredService<SandboxContainers>();
        var id = await containers.CreateStartedAsync(new SandboxImageCatalog().ImageName("python"), TimeSpan.FromMinutes(5), CancellationToken.None);
        try
        {
            var inspect = await docker.Connection.Client.Containers.InspectContainerAsync(id);
            var host = inspect.HostConfig!;
            var config = inspect.Config!;

            Assert.Equal("none", host.NetworkMode);
            Assert.True(host.ReadonlyRootfs);
            Assert.Equal(["ALL"], host.CapDrop);
            Assert.Equal(["CAP_KILL", "CAP_SETGID", "CAP_SETUID"], host.CapAdd.Select(c => c.StartsWith("CAP_", StringComparison.Ordinal) ? c : "CAP_" + c).Order());
            Assert.Contains("no-new-privileges", host.SecurityOpt);
            Assert.Equal("none", host.LogConfig.Type);
            Assert.Contains(host.Ulimits, u => u.Name == "nofile" && u.Hard == SandboxContainers.OpenFilesLimit);
            Assert.Contains(host.Ulimits, u => u.Name == "core" && u.Hard == 0);
            Assert.Equal(host.Memory, host.MemorySwap);
            Assert.True(host.Memory > 0);
            Assert.True(host.NanoCPUs > 0);
            Assert.True(host.PidsLimit > 0);
            Assert.Contains("size=", host.Tmpfs!["/work"], StringComparison.Ordinal);
            Assert.Empty(host.Binds ?? []);
            Assert.Equal(SandboxContainers.RunnerUser, config.User);
            Assert.DoesNotContain(config.Env, e => e.StartsWith("HOME=/root", StringComparison.Ordinal));
            Assert.Equal("1", config.Labels[SandboxContainers.ManagedLabel]);
        }
        finally
        {
            await containers.RemoveAsync(id);
        }
    }
}
