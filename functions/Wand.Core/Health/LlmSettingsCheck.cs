using Microsoft.Extensions.Options;
using Wand.Generation;

namespace Wand.Health;

/// <summary>
/// Reports which generator Wand will use. Never required: with no LLM the offline search
/// generator repairs on its own. It does not call the endpoint (that would spend tokens).
/// </summary>
public sealed class LlmSettingsCheck(IOptions<LlmOptions> options) : IHealthCheck
{
    public string Name => "llm";

    public Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var value = options.Value;
        CheckResult result = value.Provider switch
        {
            LlmProvider.AzureOpenAI => new(Name, CheckStatus.Ok,
                $"Azure OpenAI at {value.Endpoint}, deployment {value.Model}, {(string.IsNullOrEmpty(value.ApiKey) ? "Entra ID" : "API key")}", Required: false),
            LlmProvider.OpenAICompatible => new(Name, CheckStatus.Ok,
                $"OpenAI-compatible endpoint {value.Endpoint}, model {value.Model}", Required: false),
            _ => new(Name, CheckStatus.Warning,
                "no LLM endpoint configured: the offline search generator will be used",
                "for LLM candidates set AZURE_OPENAI_ENDPOINT + AZURE_OPENAI_DEPLOYMENT, or OPENAI_BASE_URL + OPENAI_MODEL",
                Required: false),
        };
        return Task.FromResult<IReadOnlyList<CheckResult>>([result]);
    }
}
