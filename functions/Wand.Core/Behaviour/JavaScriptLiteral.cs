using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wand.Behaviour;

/// <summary>A value as the behaviour probe encodes it, written as JavaScript source (null, true, 2.5, "text", [1], {"a": 1}, new Set([1]), NaN).</summary>
public static class JavaScriptLiteral
{
    private static readonly JsonSerializerOptions Strings = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Of(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() is JsonValueKind.String => JsonSerializer.Serialize(v.GetValue<string>(), Strings),
        JsonValue v => v.ToJsonString(),
        JsonArray list => $"[{Items(list)}]",
        JsonObject tagged when tagged["$t"] is JsonArray items => $"[{Items(items)}]",
        JsonObject tagged when tagged["$d"] is JsonArray pairs => $"{{ {string.Join(", ", pairs.OfType<JsonArray>().Select(p => $"{Key(p[0])}: {Of(p[1])}"))} }}",
        JsonObject tagged when tagged["$s"] is JsonArray items => $"new Set([{Items(items)}])",
        JsonObject tagged when tagged["$f"] is JsonValue special => special.GetValue<string>() switch { "nan" => "NaN", "inf" => "Infinity", _ => "-Infinity" },
        JsonObject tagged when tagged["$o"] is JsonValue type && type.GetValue<string>() == "undefined" => "undefined",
        JsonObject tagged when tagged["$o"] is JsonValue type => $"/* {type.GetValue<string>()}: {tagged["repr"]?.GetValue<string>().Replace("*/", "* /", StringComparison.Ordinal)} */ undefined",
        _ => value.ToJsonString(),
    };

    private static string Items(JsonArray items) => string.Join(", ", items.Select(Of));

    // An object's keys are strings; any other key (a Map's) is written as a computed one.
    private static string Key(JsonNode? key) => key is JsonValue v && v.GetValueKind() == JsonValueKind.String ? Of(key) : $"[{Of(key)}]";
}
