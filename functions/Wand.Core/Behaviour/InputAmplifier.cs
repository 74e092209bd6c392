using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wand.Behaviour;

/// <summary>
/// More inputs from the calls a job's tests make: each argument varied on its own, the way
/// boundary bugs hide (a neighbouring number, zero, a negative; an empty, shorter and longer
/// string or sequence, one reversed, with its first two swapped, or with its first or last whole
/// number one more; a flipped boolean; None in its place). The recorded calls come first, then the
/// variations, each once, up to a budget: the original and every candidate are run on them and
/// compared. Variations are taken a function at a time in turn, the <c>focus</c> functions (those
/// the candidates change) first, so a suite that calls one helper a hundred times does not spend
/// the budget before the changed function's calls are varied.
/// </summary>
public static class InputAmplifier
{
    /// <summary>The most inputs one job's probe runs.</summary>
    public const int DefaultBudget = 300;

    public static IReadOnlyList<ProbeCall> Amplify(IReadOnlyList<ProbeCall> recorded, int budget = DefaultBudget, IReadOnlySet<string>? focus = null)
    {
        var inputs = new List<ProbeCall>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(ProbeCall call)
        {
            if (inputs.Count < budget && seen.Add(call.Key))
            {
                inputs.Add(call);
            }
        }

        foreach (var call in recorded)
        {
            Add(call);
        }

        // Each function's variations are made as they are taken: a large suite's would be thousands past the budget.
        var turns = recorded.GroupBy(c => (c.Module, c.Function))
            .OrderBy(g => focus?.Contains(g.Key.Function) == true ? 0 : 1)
            .Select(g => g.SelectMany(Variations).GetEnumerator())
            .ToList();
        while (inputs.Count < budget && turns.Count > 0)
        {
            foreach (var turn in turns.ToList())
            {
                if (turn.MoveNext())
                {
                    Add(turn.Current);
                }
                else
                {
                    turn.Dispose();
                    turns.Remove(turn);
                }
            }
        }

        return inputs;
    }

    private static IEnumerable<ProbeCall> Variations(ProbeCall call)
    {
        for (var i = 0; i < call.Args.Count; i++)
        {
            foreach (var variant in Variants(call.Args[i]))
            {
                var args = (JsonArray)call.Args.DeepClone();
                args[i] = variant;
                yield return call with { Args = args };
            }
        }
    }

    /// <summary>The variations of one encoded value, None last.</summary>
    public static IEnumerable<JsonNode?> Variants(JsonNode? value)
    {
        var variants = value switch
        {
            // Numbers by their JSON text, whatever .NET type holds them (parsed, or made here).
            JsonValue v when v.GetValueKind() == JsonValueKind.Number && long.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => [n - 1, n + 1, 0L, -n],
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => Doubles(double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture)),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => Strings(v.GetValue<string>()),
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => [JsonValue.Create(!v.GetValue<bool>())],
            JsonArray list => Sequences(list).Cast<JsonNode?>(),
            JsonObject { Count: 1 } tagged when tagged["$t"] is JsonArray items => Sequences(items).Select(s => (JsonNode?)new JsonObject { ["$t"] = s }),
            JsonObject { Count: 1 } tagged when tagged["$d"] is JsonArray { Count: > 0 } => [new JsonObject { ["$d"] = new JsonArray() }],
            JsonObject { Count: 1 } tagged when tagged["$s"] is JsonArray { Count: > 0 } => [new JsonObject { ["$s"] = new JsonArray() }],
            _ => Array.Empty<JsonNode?>(),
        };
        var original = value?.ToJsonString();
        return value is null ? [] : variants.Where(v => v?.ToJsonString() != original).Append(null);
    }

    private static IEnumerable<JsonNode?> Doubles(double x) => [Float(x + 1), Float(0.0), Float(-x)];

    // As JSON text with its ".0": a float must cross to the probe as a float, not as "0", which Python reads as an int.
    private static JsonNode? Float(double x)
    {
        var text = x.ToString("R", CultureInfo.InvariantCulture);
        return double.IsFinite(x) ? JsonNode.Parse(text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : $"{text}.0") : null;
    }

    private static IEnumerable<JsonNode?> Strings(string s) =>
        s.Length == 0 ? [JsonValue.Create("a")] : [JsonValue.Create(""), JsonValue.Create(s[..^1]), JsonValue.Create(s + s[^1])];

    private static IEnumerable<JsonArray> Sequences(JsonArray items)
    {
        var all = items.Select(i => i?.DeepClone()).ToList();
        if (all.Count == 0)
        {
            yield break;
        }

        yield return [];
        yield return [.. all.Take(all.Count - 1).Select(i => i?.DeepClone())];
        yield return [.. all.Select(i => i?.DeepClone()), all[^1]?.DeepClone()];
        yield return [.. all.AsEnumerable().Reverse().Select(i => i?.DeepClone())];
        if (all.Count >= 2)
        {
            yield return [all[1]?.DeepClone(), all[0]?.DeepClone(), .. all.Skip(2).Select(i => i?.DeepClone())];
        }

        // A neighbouring number inside: the first and the last whole number, one more.
        foreach (var at in new[] { 0, all.Count - 1 }.Distinct())
        {
            if (all[at] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && long.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                var copy = all.Select(i => i?.DeepClone()).ToList();
                copy[at] = n + 1;
                yield return [.. copy];
            }
        }
    }
}
