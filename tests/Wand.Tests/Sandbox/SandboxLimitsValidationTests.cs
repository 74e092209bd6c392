using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Wand.Sandbox;

/// <summary>A limit of 0 means "none" to Docker: every sandbox limit below its least is refused at start-up, named.</summary>
public sealed class SandboxLimitsValidationTests
{
    [Theory]
    [InlineData("MemoryMegabytes", "0")]
    [InlineData("Cpus", "0")]
    [InlineData("PidsLimit", "0")]
    [InlineData("PidsLimit", "-1")]
    [InlineData("WorkDirMegabytes", "0")]
    [InlineData("TmpMegabytes", "-5")]
    [InlineData("OutputLimitBytes", "0")]
    [InlineData("MaxConcurrentRuns", "0")]
    [InlineData("WarmContainersPerImage", "-1")]
    public void Options_ALimitThatWouldNotLimit_StopsTheStartNamingTheSetting(string setting, string value)
    {
        using var services = Services(new() { [$"Wand:Sandbox:{setting}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SandboxOptions>>().Value);

        Assert.Contains($"Wand:Sandbox:{setting} is {value}; it must be at least", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_TheDefaultsAndAWarmPoolOfNone_AreValid()
    {
        using var services = Services(new() { ["Wand:Sandbox:WarmContainersPerImage"] = "0" });

        Assert.Equal(0, services.GetRequiredService<IOptions<SandboxOptions>>().Value.WarmContainersPerImage);
    }

    [Theory]
    [InlineData("https://myregistry.azurecr.io/envs")]
    [InlineData("myregistry.azurecr.io")]
    [InlineData("MyRegistry.azurecr.io/envs")]
    [InlineData("myregistry.azurecr.io/envs:latest")]
    [InlineData("127.0.0.1:5000/wand/ envs")]
    public void Options_AnEnvironmentRegistryThatIsNotARepository_StopsTheStart(string registry)
    {
        using var services = Services(new() { ["Wand:Sandbox:EnvironmentRegistry"] = registry });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SandboxOptions>>().Value);

        Assert.Contains($"Wand:Sandbox:EnvironmentRegistry is '{registry}'; it must be a registry host and a repository path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_HalfTheRegistrysCredentials_StopsTheStart()
    {
        using var services = Services(new() { ["Wand:Sandbox:EnvironmentRegistry"] = "myregistry.azurecr.io/envs", ["Wand:Sandbox:EnvironmentRegistryUsername"] = "wand-envs" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SandboxOptions>>().Value);

        Assert.Contains("EnvironmentRegistryUsername and EnvironmentRegistryPassword go together", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("myregistry.azurecr.io/wand-environments")]
    [InlineData("127.0.0.1:5000/wand")]
    [InlineData("registry.example.com/team/wand_envs")]
    public void Options_ARegistryRepository_IsValid(string registry)
    {
        using var services = Services(new() { ["Wand:Sandbox:EnvironmentRegistry"] = registry });

        Assert.Equal(registry, services.GetRequiredService<IOptions<SandboxOptions>>().Value.EnvironmentRegistry);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging().AddWandCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
}
