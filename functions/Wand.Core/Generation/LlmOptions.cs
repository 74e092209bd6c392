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

    /// <summary>Calls under way at once against this endpoint; more wait their turn.</summary>
    public int MaxConcurrentCalls { get; set; } = 4;

    /// <summary>Retries of one call after a 429 (honouring Retry-After), a 5xx or a timeout.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Sampling temperature: candidates should differ from each other.</summary>
    public float Temperature { get; set; } = 0.8f;

    public int MaxOutputTokens { get; set; } = 4096;

    public bool IsConfigured => Provider != LlmProvider.None;
}
