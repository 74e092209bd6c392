using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Wand.Behaviour;

/// <summary>
/// The smallest input on which passing candidates disagree, written as a test in the job's own
/// language and framework that the user can paste in to decide: each group's answer in a comment,
/// the offered fix's as the assertion. One writer per language the probe records
/// (<see cref="Python"/>: pytest; <see cref="JavaScript"/>: node:test, or the it() of jest and mocha).
/// </summary>
public abstract class DisagreementTest
{
    public static DisagreementTest Python { get; } = new Pytest();

    public static DisagreementTest JavaScript { get; } = new NodeTest();

    /// <summary>The language's name for a fenced code block.</summary>
    public abstract string Language { get; }

    /// <summary>A value as the probe encodes it, written in the language.</summary>
    public abstract string Literal(JsonNode? value);

    /// <summary>The call as source: <c>median([1, 2])</c>.</summary>
    public abstract string Expression(ProbeCall input);

    /// <summary>What an outcome says, in words: returns 2, raises ValueError, does not return within 1 s.</summary>
    public string Says(JsonObject outcome) =>
        outcome.ContainsKey("returned") ? $"returns {Literal(outcome["returned"])}"
        : outcome["raised"] is JsonValue raised ? $"raises {raised.GetValue<string>()}"
        : outcome.ContainsKey("timedOut") ? "does not return within 1 s"
        : "cannot be called";

    /// <summary>The test, or null when the groups agree everywhere.</summary>
    /// <param name="groups">Each group's outcomes (the offered fix's group first) and how it is called in the comment.</param>
    public string? For(IReadOnlyList<ProbeCall> inputs, IReadOnlyList<(string Name, IReadOnlyList<JsonObject> Outcomes)> groups)
    {
        var differing = groups.Skip(1).SelectMany(g => BehaviourGroups.Differences(groups[0].Outcomes, g.Outcomes)).Distinct()
            .OrderBy(i => inputs[i].Key.Length).ThenBy(i => i).ToList();
        if (differing.Count == 0)
        {
            return null;
        }

        var at = differing[0];
        return Write(inputs[at], [.. groups.Select(g => OneLine($"{g.Name}: {Says(g.Outcomes[at])}"))], groups[0].Outcomes[at]);
    }

    /// <summary>Whether a returned value can be written as a literal the test compares with (not an object only its repr describes).</summary>
    protected static bool Comparable(JsonNode? value) => value switch
    {
        JsonObject tagged when tagged.ContainsKey("$o") => false,
        JsonObject tagged => tagged.All(p => p.Value is not JsonArray items || items.All(Comparable)),
        JsonArray items => items.All(Comparable),
        _ => true,
    };

    // A comment is one line whatever a value holds: a line break would end it and start code.
    private static string OneLine(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c));

    /// <summary>The test of <paramref name="input"/>, with a comment line per group, asserting <paramref name="offered"/>.</summary>
    protected abstract string Write(ProbeCall input, IReadOnlyList<string> comments, JsonObject offered);

    private sealed class Pytest : DisagreementTest
    {
        public override string Language => "python";

        public override string Literal(JsonNode? value) => PythonLiteral.Of(value);

        public override string Expression(ProbeCall input) =>
            $"{input.Function}({string.Join(", ", input.Args.Select(PythonLiteral.Of).Concat(input.Kwargs.Select(k => $"{k.Key}={PythonLiteral.Of(k.Value)}")))})";

        protected override string Write(ProbeCall input, IReadOnlyList<string> comments, JsonObject offered)
        {
            var expression = Expression(input);
            var test = new StringBuilder()
                .AppendLine("import pytest")
                .AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"from {input.Module} import {input.Function}")
                .AppendLine()
                .AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"def test_{input.Function}_where_fixes_disagree():");
            foreach (var comment in comments)
            {
                test.AppendLine(CultureInfo.InvariantCulture, $"    # {comment}");
            }

            return test.Append(
                offered.ContainsKey("returned") && Comparable(offered["returned"]) && !PythonLiteral.Of(offered["returned"]).Contains("float(\"nan\")", StringComparison.Ordinal)
                    ? $"    assert {expression} == {PythonLiteral.Of(offered["returned"])}\n"
                : offered["raised"] is JsonValue raised && Builtins.Contains((string)raised!) ? $"    with pytest.raises({raised}):\n        {expression}\n"
                : offered["raised"] is JsonValue other ? $"    with pytest.raises(Exception) as raised:\n        {expression}\n    assert type(raised.value).__name__ == \"{other}\"\n"
                : $"    {expression}  # decide what this should do\n").ToString();
        }

        // Exceptions a test can name without importing them.
        private static readonly HashSet<string> Builtins = new(StringComparer.Ordinal)
        {
            "Exception", "ArithmeticError", "AssertionError", "AttributeError", "IndexError", "KeyError", "LookupError", "NameError", "NotImplementedError",
            "OverflowError", "RecursionError", "RuntimeError", "StopIteration", "TypeError", "UnboundLocalError", "ValueError", "ZeroDivisionError",
        };
    }

    private sealed class NodeTest : DisagreementTest
    {
        public override string Language => "javascript";

        public override string Literal(JsonNode? value) => JavaScriptLiteral.Of(value);

        // A module's function itself (module.exports = fn) is recorded as "default".
        public override string Expression(ProbeCall input) =>
            $"{Callee(input)}({string.Join(", ", input.Args.Select(JavaScriptLiteral.Of))})";

        protected override string Write(ProbeCall input, IReadOnlyList<string> comments, JsonObject offered)
        {
            var module = JavaScriptLiteral.Of(JsonValue.Create($"./{input.Module}"));
            var test = new StringBuilder()
                .AppendLine("const assert = require(\"node:assert/strict\");")
                .AppendLine("// node --test's test(), or the it() jest and mocha provide")
                .AppendLine("const test = globalThis.it ?? require(\"node:test\");")
                .AppendLine(input.Function == "default"
                    ? $"const {Callee(input)} = require({module});"
                    : $"const {{ {input.Function} }} = require({module});")
                .AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"test(\"{Callee(input)} where fixes disagree\", async () => {{");
            foreach (var comment in comments)
            {
                test.AppendLine(CultureInfo.InvariantCulture, $"  // {comment}");
            }

            var expression = Expression(input);
            return test.Append(
                offered.ContainsKey("returned") && Comparable(offered["returned"]) ? $"  assert.deepEqual(await {expression}, {JavaScriptLiteral.Of(offered["returned"])});\n"
                : offered["raised"] is JsonValue raised ? $"  await assert.rejects(async () => {expression}, (error) => error?.constructor?.name === {JavaScriptLiteral.Of(raised)});\n"
                : $"  await {expression}; // decide what this should do\n").Append("});\n").ToString();
        }

        // A module that is a function is named after its file, as an identifier.
        private static string Callee(ProbeCall input)
        {
            if (input.Function != "default")
            {
                return input.Function;
            }

            var name = string.Concat(Path.GetFileNameWithoutExtension(input.Module).Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' ? c : '_'));
            return name.Length == 0 || char.IsAsciiDigit(name[0]) || Reserved.Contains(name) ? $"_{name}" : name;
        }

        private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
        {
            "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export", "extends", "false", "finally",
            "for", "function", "if", "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw", "true", "try", "typeof",
            "var", "void", "while", "with", "yield", "let", "static", "await", "test", "assert", "require", "module",
        };
    }
}
