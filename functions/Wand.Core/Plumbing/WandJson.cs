using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wand.Plumbing;

/// <summary>The one JSON shape of Wand's output: camelCase, enums as strings. Used by both hosts.</summary>
public static class WandJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The same shape on one line: JSONL reports and queue messages.</summary>
    public static JsonSerializerOptions OneLine { get; } = new(Options) { WriteIndented = false };

    /// <summary>What Wand reads from users (jobs, batch messages): a member it does not know is an error, not silently dropped.</summary>
    public static JsonSerializerOptions Strict { get; } = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
}
