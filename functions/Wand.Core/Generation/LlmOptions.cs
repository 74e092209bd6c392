namespace Wand.Generation;

public enum LlmProvider
{
    /// <summary>No endpoint: candidates come from the offline search generator.</summary>
    None,

    /// <summary>Azure OpenAI: a resource endpoint plus a deployment name; key or Entra ID.</summary>
    AzureOpenAI,

    /// <summary>Any server speaking OpenAI's chat-completions API (OpenAI, vLLM, Ollama, llama.cpp).</summary>
    OpenAICompatible,
}

/// <summary>
/// Which LLM generates candidates. Bound from <c>Wand:Llm</c>; the conventional variables
/// (<c>AZURE_OPENAI_ENDPOINT</c>/<c>_API_KEY</c>/<c>_DEPLOYMENT</c>, <c>OPENAI_BASE_URL</c>/<c>_API_KEY</c>/<c>_MODEL</c>)
/// fill whatever the section leaves empty (see <see cref="LlmOptionsSetup"/>).
/// </summary>
public sealed class LlmOptions
{
    public const string SectionName = "Wand:Llm";

    public LlmProvider Provider { get; set; }

    public string? Endpoint { get; set; }

    /// <summary>Empty for Azure means Entra ID (DefaultAzureCredential); empty for a local server means none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The model name, or the deployment name on Azure OpenAI.</summary>
    public string? Model { get; set; }

    public bool IsConfigured => Provider != LlmProvider.None;
}
