using System.Globalization;
using System.Text.Json.Nodes;

namespace Wand.Behaviour;

/// <summary>Candidates that did the same thing on every input: their keys, in the order they were given.</summary>
public sealed record BehaviourGroup(IReadOnlyList<string> Candidates)
{
    /// <summary>The group as reports name it: "the offered fix" for the offered fix's, else its first candidate, with how many more behave alike.</summary>
    public string Name(string offered) =>
        (Candidates.Contains(offered) ? "the offered fix" : $"candidate {Candidates[0][..Math.Min(8, Candidates[0].Length)]}")
        + (Candidates.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" (+{Candidates.Count - 1} alike)") : "");
}

/// <summary>
/// Passing candidates grouped by what they do on the probe's inputs (AlphaCode's clustering):
/// two are in one group when every input's outcome (returned, raised, printed, arguments
/// changed, hung) is the same, exceptions compared by type. Largest group first; among equals, the one whose first member
/// came first.
/// </summary>
public static class BehaviourGroups
{
    public static IReadOnlyList<BehaviourGroup> Of(IReadOnlyList<(string Key, IReadOnlyList<JsonObject> Outcomes)> candidates) =>
        [.. candidates
            .Select((c, order) => (c.Key, Behaviour: string.Join('\n', c.Outcomes.Select(Comparable)), order))
            .GroupBy(c => c.Behaviour, StringComparer.Ordinal)
            .Select(g => (Members: g.OrderBy(c => c.order).ToList(), First: g.Min(c => c.order)))
            .OrderByDescending(g => g.Members.Count)
            .ThenBy(g => g.First)
            .Select(g => new BehaviourGroup([.. g.Members.Select(m => m.Key)]))];

    /// <summary>The inputs (their indexes) on which two outcome lists differ.</summary>
    public static IEnumerable<int> Differences(IReadOnlyList<JsonObject> a, IReadOnlyList<JsonObject> b) =>
        Enumerable.Range(0, Math.Min(a.Count, b.Count)).Where(i => Comparable(a[i]) != Comparable(b[i]));

    /// <summary>
    /// An outcome as it is compared: all of it but an exception's message. Two fixes that raise the
    /// same TypeError behave alike even when the message names their different operators.
    /// </summary>
    public static string Comparable(JsonObject outcome) =>
        outcome.ContainsKey("message") ? new JsonObject(outcome.Where(p => p.Key != "message").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))).ToJsonString() : outcome.ToJsonString();
}
