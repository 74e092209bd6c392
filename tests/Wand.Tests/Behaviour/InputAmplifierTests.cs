using System.Text.Json.Nodes;

namespace Wand.Behaviour;

public sealed class InputAmplifierTests
{
    [Fact]
    public void Amplify_TheRecordedCallsFirst_ThenEachArgumentVariedOnItsOwn()
    {
        var recorded = new[] { Call("truncate", """["hello", 3]""") };

        var inputs = InputAmplifier.Amplify(recorded).Select(c => c.Args.ToJsonString()).ToList();

        Assert.Equal(
            ["""["hello",3]""", """["",3]""", """["hell",3]""", """["helloo",3]""", """[null,3]""", """["hello",2]""", """["hello",4]""", """["hello",0]""", """["hello",-3]""", """["hello",null]"""],
            inputs);
    }

    [Fact]
    public void Variants_OfASequence_AreEmptyShorterLongerReversedSwappedAndANeighbouringNumberInside()
    {
        var variants = InputAmplifier.Variants(JsonNode.Parse("[4, 1, 3, 2]")).Select(v => v?.ToJsonString() ?? "None").ToList();

        Assert.Equal(["[]", "[4,1,3]", "[4,1,3,2,2]", "[2,3,1,4]", "[1,4,3,2]", "[5,1,3,2]", "[4,1,3,3]", "None"], variants);
    }

    [Fact]
    public void Variants_OfATuple_StayTuples_AndOfAnEmptyStringOneLetter()
    {
        Assert.Contains("""{"$t":[2,1]}""", InputAmplifier.Variants(JsonNode.Parse("""{"$t": [1, 2]}""")).Select(v => v?.ToJsonString()));
        Assert.Equal(["\"a\"", "None"], InputAmplifier.Variants(JsonValue.Create("")).Select(v => v?.ToJsonString() ?? "None"));
    }

    [Fact]
    public void Amplify_KeepsEachInputOnce_AndWithinTheBudget()
    {
        var recorded = new[] { Call("f", "[1]"), Call("f", "[2]"), Call("f", "[1]") };

        var inputs = InputAmplifier.Amplify(recorded, budget: 5).Select(c => c.Args.ToJsonString()).ToList();

        Assert.Equal(["[1]", "[2]", "[0]", "[-1]", "[null]"], inputs);
    }

    [Fact]
    public void ListFrom_TheProbesCalls_AndNothingFromWhatIsNotThem()
    {
        var calls = ProbeCall.ListFrom("""{"calls": [{"module": "stats", "function": "median", "args": [[1, 2]], "kwargs": {}}, {"module": 3}]}""");

        Assert.Equal("median", Assert.Single(calls!).Function);
        Assert.Null(ProbeCall.ListFrom("not json"));
        Assert.Null(ProbeCall.ListFrom(null));
    }

    private static ProbeCall Call(string function, string args) => new("m", function, (JsonArray)JsonNode.Parse(args)!, []);
}
