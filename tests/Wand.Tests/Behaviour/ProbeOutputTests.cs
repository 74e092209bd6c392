using System.Text.Json.Nodes;

namespace Wand.Behaviour;

/// <summary>What a candidate's probe report may hold: only the probe's shapes are read, names must be identifiers, and nothing it writes throws.</summary>
public sealed class ProbeOutputTests
{
    [Theory]
    [InlineData("""{"returned": [1, {"$t": [2]}, {"$d": [["a", {"$s": [3]}]]}, {"$f": "nan"}]}""", """{"returned":[1,{"$t":[2]},{"$d":[["a",{"$s":[3]}]]},{"$f":"nan"}]}""")]
    [InlineData("""{"raised": "ValueError", "message": "empty", "printed": "hi\n"}""", """{"raised":"ValueError","message":"empty","printed":"hi\n"}""")]
    [InlineData("""{"returned": {"$o": "Point", "repr": "Point(1, 2)"}, "extra": 1}""", """{"returned":{"$o":"Point","repr":"Point(1, 2)"}}""")]
    [InlineData("""{"raised": "ValueError):\n        import os; os.system('x')\n    with pytest.raises(ValueError"}""", """{"raised":"Exception"}""")]
    [InlineData("""{"raised": 42}""", """{"raised":"Exception"}""")]
    [InlineData("""{"returned": {"$d": [["only-a-key"]]}}""", """{"returned":{"$o":"unreadable","repr":""}}""")]
    [InlineData("""{"returned": {"$o": "*/ evil() /*", "repr": "x"}}""", """{"returned":{"$o":"unreadable","repr":""}}""")]
    [InlineData("""{"returned": {"$f": 1}}""", """{"returned":{"$o":"unreadable","repr":""}}""")]
    [InlineData("""{"timedOut": "yes"}""", """{"unreadable":true}""")]
    [InlineData("""[1, 2]""", """{"unreadable":true}""")]
    public void CleanOutcome_KeepsTheProbesShapes_AndNothingElse(string written, string read) =>
        Assert.Equal(read, ProbeOutput.CleanOutcome(JsonNode.Parse(written)).ToJsonString());

    [Fact]
    public void Recording_CallsNotOfTheProbesShape_AreLeftOut_AndDuplicateKeysDoNotThrow()
    {
        const string Written = """
            {"calls": [
              {"module": "m", "function": "f", "args": [1], "test": "t"},
              {"module": "m", "function": "f(); import os #", "args": [1]},
              {"module": "m", "function": "g", "args": [{"$x": 1}]},
              {"module": "m", "function": "h", "args": [1], "kwargs": {"not an identifier": 2}},
              {"module": "m", "function": "i", "args": "nope"}
            ], "tests": {"t": "passed"}}
            """;

        var recording = ProbeRecording.From(Written)!;

        Assert.Equal(["f"], recording.Calls.Select(c => c.Function));
        Assert.Null(ProbeRecording.From("""{"calls": [{"module": "m", "module": "n", "function": "f", "args": []}], "tests": {}}"""));
    }

    [Theory]
    [InlineData("median", false, true)]
    [InlineData("$helper_2", false, true)]
    [InlineData("2fast", false, false)]
    [InlineData("pkg.mod", true, true)]
    [InlineData("pkg.mod", false, false)]
    [InlineData("a b", true, false)]
    [InlineData("", false, false)]
    public void IsIdentifier(string name, bool dotted, bool identifier) => Assert.Equal(identifier, ProbeOutput.IsIdentifier(name, dotted));
}
