using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wand.Behaviour;

/// <summary>
/// What the probe writes is the candidate's own process talking: every recorded call and every
/// outcome is held to the shapes the probe writes before anything reads it, and the names that
/// end up in a generated test or a report (functions, exception and value types) must be
/// identifiers. Anything else is unreadable, an outcome of its own kind, never a crash or a line
/// of code in the test a user is asked to paste in.
/// </summary>
public static class ProbeOutput
{
    /// <summary>The longest text kept of a message, a print or a value's repr.</summary>
    public const int MaxTextChars = 2000;

    private const int MaxDepth = 32;

    private static readonly string[] ValueKeys = ["returned", "argsAfter"];

    private static readonly string[] TextKeys = ["message", "printed", "missing"];

    /// <summary>A name made of letters, digits, '_' and '$', not starting with a digit; with <paramref name="dotted"/>, such names joined by dots.</summary>
    public static bool IsIdentifier(string? name, bool dotted = false) =>
        !string.IsNullOrEmpty(name) && name.Length <= 200
        && (dotted ? name.Split('.') : [name]).All(part => part.Length > 0 && !char.IsAsciiDigit(part[0]) && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$'));

    /// <summary>Whether <paramref name="value"/> is a value as the probe encodes it (see sandbox-images/python/wand_behaviour.py).</summary>
    public static bool IsValue(JsonNode? value, int depth = 0) => depth <= MaxDepth && value switch
    {
        null => true,
        JsonValue v => v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False,
        JsonArray items => items.All(i => IsValue(i, depth + 1)),
        JsonObject { Count: 1 } tagged when tagged["$t"] is JsonArray items => items.All(i => IsValue(i, depth + 1)),
        JsonObject { Count: 1 } tagged when tagged["$s"] is JsonArray items => items.All(i => IsValue(i, depth + 1)),
        JsonObject { Count: 1 } tagged when tagged["$d"] is JsonArray pairs =>
            pairs.All(p => p is JsonArray { Count: 2 } pair && IsValue(pair[0], depth + 1) && IsValue(pair[1], depth + 1)),
        JsonObject { Count: 1 } tagged => tagged["$f"] is JsonValue f && f.GetValueKind() == JsonValueKind.String && (string)f! is "nan" or "inf" or "-inf",
        JsonObject { Count: 2 } tagged => tagged["$o"] is JsonValue type && type.GetValueKind() == JsonValueKind.String && IsIdentifier((string?)type, dotted: true)
            && tagged["repr"] is JsonValue repr && repr.GetValueKind() == JsonValueKind.String,
        _ => false,
    };

    /// <summary>An outcome with only the keys the probe writes, each of its kind; unreadable parts said so.</summary>
    public static JsonObject CleanOutcome(JsonNode? outcome)
    {
        var clean = new JsonObject();
        if (outcome is not JsonObject raw)
        {
            return new JsonObject { ["unreadable"] = true };
        }

        foreach (var key in ValueKeys.Where(raw.ContainsKey))
        {
            clean[key] = IsValue(raw[key]) ? raw[key]?.DeepClone() : new JsonObject { ["$o"] = "unreadable", ["repr"] = "" };
        }

        if (raw.ContainsKey("raised"))
        {
            clean["raised"] = raw["raised"] is JsonValue type && type.GetValueKind() == JsonValueKind.String && IsIdentifier((string?)type, dotted: true) ? (string?)type : "Exception";
        }

        foreach (var key in TextKeys)
        {
            if (raw[key] is JsonValue text && text.GetValueKind() == JsonValueKind.String)
            {
                var value = (string)text!;
                clean[key] = value.Length > MaxTextChars ? value[..MaxTextChars] : value;
            }
        }

        if (raw["timedOut"] is JsonValue timedOut && timedOut.GetValueKind() == JsonValueKind.True)
        {
            clean["timedOut"] = true;
        }

        return clean.Count > 0 ? clean : new JsonObject { ["unreadable"] = true };
    }
}
