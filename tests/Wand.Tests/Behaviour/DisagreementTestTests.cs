using System.Text.Json.Nodes;

namespace Wand.Behaviour;

/// <summary>The input passing fixes disagree on, as a test to paste in: pytest for Python, node:test (or it()) for JavaScript.</summary>
public sealed class DisagreementTestTests
{
    [Fact]
    public void For_TwoGroups_TheShortestInputTheyDifferOn_WithEachAnswer_AndTheOfferedFixAsTheAssertion()
    {
        ProbeCall[] inputs = [Call("[[4,1,3,2]]"), Call("[[4,1,3,3,9,9]]"), Call("[[4,1,3,3]]")];
        JsonObject[] right = [Returned("2.5"), Returned("3.0"), Returned("3.0")];
        JsonObject[] rounded = [Returned("2.5"), Returned("3.5"), Returned("3.5")];

        var test = DisagreementTest.Python.For(inputs, [("the offered fix", right), ("2 other passing candidates", rounded)]);

        Assert.Equal("""
            import pytest

            from stats import median


            def test_median_where_fixes_disagree():
                # the offered fix: returns 3.0
                # 2 other passing candidates: returns 3.5
                assert median([4, 1, 3, 3]) == 3.0

            """.Replace("\r\n", "\n", StringComparison.Ordinal), test);
    }

    [Fact]
    public void For_AnExceptionOnTheOfferedSide_IsPytestRaises_AndGroupsThatAgree_AreNoTest()
    {
        ProbeCall[] inputs = [Call("[[]]")];
        JsonObject[] raises = [new() { ["raised"] = "ValueError", ["message"] = "empty" }];

        Assert.Contains("    with pytest.raises(ValueError):\n        median([])\n", DisagreementTest.Python.For(inputs, [("the offered fix", raises), ("another", [Returned("null")])]), StringComparison.Ordinal);
        Assert.Null(DisagreementTest.Python.For(inputs, [("the offered fix", raises), ("another", raises)]));
        Assert.Null(DisagreementTest.Python.For(inputs, [("the offered fix", raises)]));
    }

    [Fact]
    public void Python_AnExceptionOfTheJobsOwn_IsCheckedByName_AnObjectOrNaN_IsLeftToDecide_AndACommentStaysOneLine()
    {
        ProbeCall[] inputs = [Call("[[]]")];
        JsonObject[] other = [Returned("1")];

        var own = DisagreementTest.Python.For(inputs, [("the offered fix", [new() { ["raised"] = "EmptyError" }]), ("another", other)])!;
        var nan = DisagreementTest.Python.For(inputs, [("the offered fix", [Returned("""{"$f": "nan"}""")]), ("another", other)])!;
        var hostile = DisagreementTest.Python.For(inputs, [("the offered fix", [Returned("""{"$o": "Point", "repr": "x\nimport os"}""")]), ("another", other)])!;

        Assert.EndsWith("    with pytest.raises(Exception) as raised:\n        median([])\n    assert type(raised.value).__name__ == \"EmptyError\"\n", own, StringComparison.Ordinal);
        Assert.EndsWith("    median([])  # decide what this should do\n", nan, StringComparison.Ordinal);
        Assert.Contains("    # the offered fix: returns <Point: x import os>\n", hostile, StringComparison.Ordinal);
        Assert.DoesNotContain("\nimport os", hostile, StringComparison.Ordinal);
    }

    [Fact]
    public void PythonLiteral_ACharacterBeyondTheBasicPlane_IsOnePythonEscape() =>
        Assert.Equal("\"a\\U0001F600\"", PythonLiteral.Of(JsonValue.Create("a\U0001F600")));

    [Theory]
    [InlineData("null", "None")]
    [InlineData("true", "True")]
    [InlineData("3", "3")]
    [InlineData("2.5", "2.5")]
    [InlineData("\"it's \\\"q\\\"\"", "\"it's \\\"q\\\"\"")]
    [InlineData("""{"$t": [1]}""", "(1,)")]
    [InlineData("""{"$t": [1, "a"]}""", "(1, \"a\")")]
    [InlineData("""{"$d": [["k", [1, 2]]]}""", "{\"k\": [1, 2]}")]
    [InlineData("""{"$s": []}""", "set()")]
    [InlineData("""{"$f": "nan"}""", "float(\"nan\")")]
    public void PythonLiteral_OfEachKindOfValue(string encoded, string python) => Assert.Equal(python, PythonLiteral.Of(JsonNode.Parse(encoded)));

    [Fact]
    public void JavaScript_For_TwoGroups_IsANodeTest_ThatRequiresTheModuleByItsPath()
    {
        ProbeCall[] inputs = [new("src/grades.js", "passes", (JsonArray)JsonNode.Parse("[59]")!, [])];

        var test = DisagreementTest.JavaScript.For(inputs, [("the offered fix", [Returned("false")]), ("candidate 4af2420f", [Returned("true")])]);

        Assert.Equal("""
            const assert = require("node:assert/strict");
            // node --test's test(), or the it() jest and mocha provide
            const test = globalThis.it ?? require("node:test");
            const { passes } = require("./src/grades.js");

            test("passes where fixes disagree", async () => {
              // the offered fix: returns false
              // candidate 4af2420f: returns true
              assert.deepEqual(await passes(59), false);
            });

            """.Replace("\r\n", "\n", StringComparison.Ordinal), test);
    }

    [Fact]
    public void JavaScript_AModuleThatIsAFunction_AndAnError_AreRequiredWhole_AndAssertedByName()
    {
        ProbeCall[] inputs = [new("lib/slug-ify.js", "default", (JsonArray)JsonNode.Parse("[\"\"]")!, [])];

        var test = DisagreementTest.JavaScript.For(inputs, [("the offered fix", [new() { ["raised"] = "TypeError", ["message"] = "x" }]), ("another", [Returned("\"\"")])])!;

        Assert.Contains("const slug_ify = require(\"./lib/slug-ify.js\");\n", test, StringComparison.Ordinal);
        Assert.Contains("  await assert.rejects(async () => slug_ify(\"\"), (error) => error?.constructor?.name === \"TypeError\");\n", test, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null", "null")]
    [InlineData("true", "true")]
    [InlineData("2.5", "2.5")]
    [InlineData("\"it's \\\"q\\\"\"", "\"it's \\\"q\\\"\"")]
    [InlineData("""{"$d": [["k", [1, 2]], [3, null]]}""", "{ \"k\": [1, 2], [3]: null }")]
    [InlineData("""{"$s": [1]}""", "new Set([1])")]
    [InlineData("""{"$f": "-inf"}""", "-Infinity")]
    [InlineData("""{"$o": "undefined", "repr": "undefined"}""", "undefined")]
    [InlineData("""{"$o": "Date", "repr": "2020-01-01T00:00:00.000Z */ evil()"}""", "/* Date: 2020-01-01T00:00:00.000Z * / evil() */ undefined")]
    public void JavaScriptLiteral_OfEachKindOfValue(string encoded, string javascript) => Assert.Equal(javascript, JavaScriptLiteral.Of(JsonNode.Parse(encoded)));

    private static ProbeCall Call(string args) => new("stats", "median", (JsonArray)JsonNode.Parse(args)!, []);

    private static JsonObject Returned(string value) => new() { ["returned"] = JsonNode.Parse(value) };
}
