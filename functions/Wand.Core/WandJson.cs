using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wand;

/// <summary>The one JSON shape of Wand's output: camelCase, enums as strings. Used by both hosts.</summary>
public static class WandJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
