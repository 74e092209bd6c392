using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Wand.Generation;

/// <summary>The conventional environment variables configure the LLM with no other setting.</summary>
public sealed class LlmOptionsSetupTests
{
    [Fact]
    public void AzureVariables_ChooseAzureOpenAI()
    {
        var options = Resolve(new()
        {
            ["AZURE_OPENAI_ENDPOINT"] = "https://example.openai.azure.com/",
            ["AZURE_OPENAI_API_KEY"] = "secret",
            ["AZURE_OPENAI_DEPLOYMENT"] = "gpt-4o",
        });

        Assert.Equal(LlmProvider.AzureOpenAI, options.Provider);
        Assert.Equal("https://example.openai.azure.com/", options.Endpoint);
        Assert.Equal("secret", options.ApiKey);
        Assert.Equal("gpt-4o", options.Model);
    }

    [Fact]
    public void OpenAIVariables_ChooseAnOpenAICompatibleServer()
    {
        var options = Resolve(new() { ["OPENAI_BASE_URL"] = "http://127.0.0.1:11434/v1", ["OPENAI_MODEL"] = "qwen2.5-coder" });

        Assert.Equal(LlmProvider.OpenAICompatible, options.Provider);
        Assert.Equal("http://127.0.0.1:11434/v1", options.Endpoint);
        Assert.Null(options.ApiKey);
    }

    [Fact]
    public void OnlyAnOpenAIKey_MeansOpenAIItself()
    {
        var options = Resolve(new() { ["OPENAI_API_KEY"] = "sk-test", ["OPENAI_MODEL"] = "gpt-4o-mini" });

        Assert.Equal("https://api.openai.com/v1", options.Endpoint);
    }

    [Fact]
    public void TheWandSection_WinsOverTheVariables()
    {
        var options = Resolve(new()
        {
            ["Wand:Llm:Endpoint"] = "http://127.0.0.1:8000/v1",
            ["Wand:Llm:Model"] = "local",
            ["AZURE_OPENAI_ENDPOINT"] = "https://example.openai.azure.com/",
        });

        Assert.Equal(LlmProvider.OpenAICompatible, options.Provider);
        Assert.Equal("http://127.0.0.1:8000/v1", options.Endpoint);
    }

    [Fact]
    public void NothingSet_MeansNoLlm()
    {
        Assert.False(Resolve([]).IsConfigured);
    }

    [Fact]
    public void MissingDeployment_FailsValidationNamingTheVariable()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["AZURE_OPENAI_ENDPOINT"] = "https://example.openai.azure.com/" }));

        Assert.Contains("AZURE_OPENAI_DEPLOYMENT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EndpointThatIsNotAUrl_FailsValidationQuotingIt()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["OPENAI_BASE_URL"] = "localhost:8000", ["OPENAI_MODEL"] = "m" }));

        Assert.Contains("'localhost:8000' is not an http(s) URL", error.Message, StringComparison.Ordinal);
    }

    private static LlmOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddWandCore(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<LlmOptions>>().Value;
    }
}
