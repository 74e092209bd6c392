using Wand.Jobs;

namespace Wand.Repair;

/// <summary>Where a repair's candidates come from.</summary>
public enum RepairGenerator
{
    /// <summary>The offline search over small edits (no LLM, no network).</summary>
    Search,

    /// <summary>An LLM, with the test feedback in each round's prompts.</summary>
    Llm,

    /// <summary>An LLM, and the search polishes its near misses before paying for another LLM round.</summary>
    Hybrid,
}

public static class RepairGenerators
{
    public const string Names = "search, llm or hybrid";

    /// <summary>The generator named <paramref name="name"/>; null for null; throws <see cref="InvalidJobException"/> for anything else.</summary>
    public static RepairGenerator? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "search" => RepairGenerator.Search,
        "llm" => RepairGenerator.Llm,
        "hybrid" => RepairGenerator.Hybrid,
        _ => throw new InvalidJobException($"the generator must be {Names} (got '{name}')"),
    };

    /// <summary>
    /// The generator a repair uses: the one asked for (command line, then the job's <c>.wand.yml</c>,
    /// then configuration), else the LLM when an endpoint is configured and the search when not.
    /// Asking for the LLM without an endpoint is an error that says what to set.
    /// </summary>
    public static RepairGenerator Choose(RepairGenerator? asked, bool llmConfigured)
    {
        var chosen = asked ?? (llmConfigured ? RepairGenerator.Llm : RepairGenerator.Search);
        if (chosen != RepairGenerator.Search && !llmConfigured)
        {
            throw new InvalidJobException($"the {chosen.ToString().ToLowerInvariant()} generator needs an LLM endpoint: set OPENAI_BASE_URL and OPENAI_MODEL (any OpenAI-compatible server) or AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT, or use --generator search");
        }

        return chosen;
    }
}
