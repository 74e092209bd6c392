using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wand.Behaviour;

/// <summary>A value as the behaviour probe encodes it, written as Python source (None, True, 2.5, "text", (1,), {1: 2}, set(), float("nan")).</summary>
public static class PythonLiteral
{
    // JSON's string escapes are Python's too; the relaxed encoder leaves quotes and letters as they are.
    private static readonly JsonSerializerOptions Strings = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Of(JsonNode? value) => value switch
    {
        null => "None",
        JsonValue v when v.GetValueKind() is JsonValueKind.True => "True",
        JsonValue v when v.GetValueKind() is JsonValueKind.False => "False",
        JsonValue v when v.GetValueKind() is JsonValueKind.String => Astral(JsonSerializer.Serialize(v.GetValue<string>(), Strings)),
        JsonValue v when v.GetValueKind() is JsonValueKind.Number => Number(v),
        JsonArray list => $"[{Items(list)}]",
        JsonObject tagged when tagged["$t"] is JsonArray items => items.Count == 1 ? $"({Of(items[0])},)" : $"({Items(items)})",
        JsonObject tagged when tagged["$d"] is JsonArray pairs => $"{{{string.Join(", ", pairs.OfType<JsonArray>().Select(p => $"{Of(p[0])}: {Of(p[1])}"))}}}",
        JsonObject tagged when tagged["$s"] is JsonArray items => items.Count == 0 ? "set()" : $"{{{Items(items)}}}",
        JsonObject tagged when tagged["$f"] is JsonValue special => $"float(\"{special.GetValue<string>()}\")",
        JsonObject tagged when tagged["$o"] is JsonValue type => $"<{type.GetValue<string>()}: {tagged["repr"]?.GetValue<string>()}>",
        _ => value.ToJsonString(),
    };

    private static string Items(JsonArray items) => string.Join(", ", items.Select(Of));

    // A number keeps its JSON text, which Python reads as the same int or float: the inputs the
    // amplifier makes are written the way they crossed to the probe (InputAmplifier keeps floats' ".0").
    private static string Number(JsonValue number) => number.ToJsonString();

    // JSON writes a character beyond U+FFFF as two \u escapes of its surrogates, which Python reads as
    // two characters: Python's own \U escape keeps it one.
    private static string Astral(string literal) =>
        System.Text.RegularExpressions.Regex.Replace(literal, @"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})", m =>
            $"\\U{char.ConvertToUtf32((char)Convert.ToInt32(m.Groups[1].Value, 16), (char)Convert.ToInt32(m.Groups[2].Value, 16)):X8}");
}
