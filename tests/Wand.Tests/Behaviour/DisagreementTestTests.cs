using System.Text.Json.Nodes;

namespace Wand.Behaviour;

/// <summary>The input passing fixes disagree on, as a pytest test to paste in.</summary>
public sealed class DisagreementTestTests
{
    [Fact]
    public void For_TwoGroups_TheShortestInputTheyDifferOn_WithEachAnswer_AndTheOfferedFixAsTheAssertion()
    {
        ProbeCall[] inputs = [Call("[[4,1,3,2]]"), Call("[[4,1,3,3,9,9]]"), Call("[[4,1,3,3]]")];
        JsonObject[] right = [Returned("2.5"), Returned("3.0"), Returned("3.0")];
        JsonObject[] rounded = [Returned("2.5"), Returned("3.5"), Returned("3.5")];

        var test = DisagreementTest.For(inputs, [("the offered fix", right), ("2 other passing candidates", rounded)]);

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

        Assert.Contains("    with pytest.raises(ValueError):\n        median([])\n", DisagreementTest.For(inputs, [("the offered fix", raises), ("another", [Returned("null")])]), StringComparison.Ordinal);
        Assert.Null(DisagreementTest.For(inputs, [("the offered fix", raises), ("another", raises)]));
        Assert.Null(DisagreementTest.For(inputs, [("the offered fix", raises)]));
    }

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

    private static ProbeCall Call(string args) => new("stats", "median", (JsonArray)JsonNode.Parse(args)!, []);

    private static JsonObject Returned(string value) => new() { ["returned"] = JsonNode.Parse(value) };
}
