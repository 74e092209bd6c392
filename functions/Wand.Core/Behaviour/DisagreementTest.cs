using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Wand.Behaviour;

/// <summary>
/// The smallest input on which passing candidates disagree, written as a pytest test the user
/// can paste in to decide: each group's answer in a comment, the offered fix's as the assertion.
/// </summary>
public static class DisagreementTest
{
    /// <summary>The test, or null when the groups agree everywhere.</summary>
    /// <param name="groups">Each group's outcomes (the offered fix's group first) and how it is called in the comment.</param>
    public static string? For(IReadOnlyList<ProbeCall> inputs, IReadOnlyList<(string Name, IReadOnlyList<JsonObject> Outcomes)> groups)
    {
        if (groups.Count < 2)
        {
            return null;
        }

        var differing = groups.Skip(1).SelectMany(g => BehaviourGroups.Differences(groups[0].Outcomes, g.Outcomes)).Distinct()
            .OrderBy(i => inputs[i].Key.Length).ThenBy(i => i).ToList();
        if (differing.Count == 0)
        {
            return null;
        }

        var at = differing[0];
        var call = inputs[at];
        var expression = Expression(call);
        var test = new StringBuilder()
            .AppendLine("import pytest")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"from {call.Module} import {call.Function}")
            .AppendLine()
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"def test_{call.Function}_where_fixes_disagree():");
        foreach (var (name, outcomes) in groups)
        {
            test.AppendLine(CultureInfo.InvariantCulture, $"    # {name}: {Says(outcomes[at])}");
        }

        return test.Append(Assertion(expression, groups[0].Outcomes[at])).ToString();
    }

    /// <summary>The call as Python source: <c>median([1, 2], strict=True)</c>.</summary>
    public static string Expression(ProbeCall call) =>
        $"{call.Function}({string.Join(", ", call.Args.Select(PythonLiteral.Of).Concat(call.Kwargs.Select(k => $"{k.Key}={PythonLiteral.Of(k.Value)}")))})";

    /// <summary>What an outcome says, in words: returns 2, raises ValueError, does not return within 1 s.</summary>
    public static string Says(JsonObject outcome) =>
        outcome.ContainsKey("returned") ? $"returns {PythonLiteral.Of(outcome["returned"])}"
        : outcome["raised"] is JsonValue raised ? $"raises {raised.GetValue<string>()}"
        : outcome.ContainsKey("timedOut") ? "does not return within 1 s"
        : "cannot be called";

    private static string Assertion(string expression, JsonObject outcome) =>
        outcome.ContainsKey("returned") ? $"    assert {expression} == {PythonLiteral.Of(outcome["returned"])}\n"
        : outcome["raised"] is JsonValue raised ? $"    with pytest.raises({raised.GetValue<string>()}):\n        {expression}\n"
        : $"    {expression}  # decide what this should do\n";
}
