using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Wand.Generation;

/// <summary>
/// Fills <see cref="LlmOptions"/> from the conventional environment variables when the
/// <c>Wand:Llm</c> section does not say otherwise, and checks the result at start-up.
/// Azure's variables win over OpenAI's when both are present.
/// </summary>
public sealed class LlmOptionsSetup(IConfiguration configuration) : IPostConfigureOptions<LlmOptions>, IValidateOptions<LlmOptions>
{
    public void PostConfigure(string? name, LlmOptions options)
    {
        if (options.Provider == LlmProvider.None && string.IsNullOrWhiteSpace(options.Endpoint))
        {
            if (!string.IsNullOrWhiteSpace(configuration["AZURE_OPENAI_ENDPOINT"]))
            {
                options.Provider = LlmProvider.AzureOpenAI;
                options.Endpoint = configuration["AZURE_OPENAI_ENDPOINT"];
                options.ApiKey ??= configuration["AZURE_OPENAI_API_KEY"];
                options.Model ??= configuration["AZURE_OPENAI_DEPLOYMENT"];
            }
            else if (!string.IsNullOrWhiteSpace(configuration["OPENAI_BASE_URL"]) || !string.IsNullOrWhiteSpace(configuration["OPENAI_API_KEY"]))
            {
                options.Provider = LlmProvider.OpenAICompatible;
                options.Endpoint = configuration["OPENAI_BASE_URL"] is { Length: > 0 } url ? url : "https://api.openai.com/v1";
                options.ApiKey ??= configuration["OPENAI_API_KEY"];
                options.Model ??= configuration["OPENAI_MODEL"];
            }
        }
        else if (options.Provider == LlmProvider.None)
        {
            // An endpoint with no provider named: Azure's hosts say which one it is.
            options.Provider = options.Endpoint!.Contains(".openai.azure.com", StringComparison.OrdinalIgnoreCase)
                ? LlmProvider.AzureOpenAI
                : LlmProvider.OpenAICompatible;
        }
    }

    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        var problems = new List<string>();
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            problems.Add($"LLM endpoint '{options.Endpoint}' is not an http(s) URL (Wand:Llm:Endpoint, AZURE_OPENAI_ENDPOINT or OPENAI_BASE_URL)");
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            problems.Add(options.Provider == LlmProvider.AzureOpenAI
                ? "Azure OpenAI needs a deployment name (Wand:Llm:Model or AZURE_OPENAI_DEPLOYMENT)"
                : "the OpenAI-compatible endpoint needs a model name (Wand:Llm:Model or OPENAI_MODEL)");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
