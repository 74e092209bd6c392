using System.Text.Json.Nodes;

namespace Wand.Behaviour;

/// <summary>The label of a passing fix, from what the original and the passing candidates did on the probe's inputs.</summary>
public sealed class ConfidenceLabelTests
{
    // median([5, 1, 3]) from a passing test, median([4, 1, 3, 2]) from the failing one, and an amplified neighbour of each.
    private static readonly ProbeCall Odd = Call("[[5,1,3]]", "t::odd");
    private static readonly ProbeCall Even = Call("[[4,1,3,2]]", "t::even");
    private static readonly ProbeCall OddNeighbour = Call("[[5,1,3,3]]", "t::odd");
    private static readonly ProbeCall EvenNeighbour = Call("[[4,1,3,3]]", "t::even");
    private static readonly ProbeCall[] Inputs = [Odd, Even, OddNeighbour, EvenNeighbour];
    private static readonly ProbeRecording Recording = new([Odd, Even], new Dictionary<string, string> { ["t::odd"] = "passed", ["t::even"] = "failed" });
    private static readonly JsonObject[] Original = [Returned("3"), Returned("3.5"), Returned("4.0"), Returned("3.5")];
    private static readonly JsonObject[] Right = [Returned("3"), Returned("2.5"), Returned("3.0"), Returned("3.0")];
    private static readonly JsonObject[] Rounded = [Returned("3"), Returned("2.5"), Returned("3.5"), Returned("3.5")];

    [Fact]
    public void For_CandidatesThatAgree_AndKeepThePassingTestsCalls_AreLikelyCorrect()
    {
        // The fix changes an amplified neighbour of a passing test's call (the defect shows there): that is allowed.
        var label = ConfidenceLabel.For("a", [("a", Right), ("b", Right)], Original, Inputs, Recording, DisagreementTest.Python);

        Assert.Equal(Confidence.LikelyCorrect, label.Confidence);
        Assert.Equal(["all 2 passing candidates do the same on 4 inputs", "it does what the original did on the 1 call(s) of tests the original passed"], label.Reasons);
    }

    [Fact]
    public void For_CandidatesThatDisagree_ArePlausible_WithTheGroups()
    {
        var label = ConfidenceLabel.For("a", [("a", Right), ("b", Rounded), ("c", Right)], Original, Inputs, Recording, DisagreementTest.Python);

        Assert.Equal(Confidence.Plausible, label.Confidence);
        Assert.Equal(["3 passing candidates behave 2 ways on 4 inputs; this fix is in a group of 2", "it does what the original did on the 1 call(s) of tests the original passed"], label.Reasons);
    }

    [Fact]
    public void For_AFixThatChangesWhatAPassingTestsCallDid_IsPlausible()
    {
        JsonObject[] breaksOdd = [Returned("5"), Returned("2.5"), Returned("3.0"), Returned("3.0")];

        var label = ConfidenceLabel.For("a", [("a", breaksOdd)], Original, Inputs, Recording, DisagreementTest.Python);

        Assert.Equal(Confidence.Plausible, label.Confidence);
        Assert.Equal(["it is the only candidate that passes, so no other could disagree", "it changes what 1 call(s) of tests the original passed did, first median([5, 1, 3])"], label.Reasons);
    }

    [Fact]
    public void Groups_ExceptionsOfOneType_AreAlike_WhateverTheirMessage()
    {
        JsonObject[] greater = [Raised("TypeError", "'>' not supported between instances of 'NoneType' and 'int'")];
        JsonObject[] atLeast = [Raised("TypeError", "'>=' not supported between instances of 'NoneType' and 'int'")];
        JsonObject[] value = [Raised("ValueError", "'>=' not supported between instances of 'NoneType' and 'int'")];

        var groups = BehaviourGroups.Of([("a", greater), ("b", atLeast), ("c", value)]);

        Assert.Equal([["a", "b"], ["c"]], groups.Select(g => g.Candidates));
        Assert.Equal([0], BehaviourGroups.Differences(atLeast, value));
    }

    [Fact]
    public void Groups_LargestFirst_ThenByWhoCameFirst()
    {
        var groups = BehaviourGroups.Of([("a", Rounded), ("b", Right), ("c", Right), ("d", Original)]);

        Assert.Equal([["b", "c"], ["a"], ["d"]], groups.Select(g => g.Candidates));
        Assert.Equal([2, 3], BehaviourGroups.Differences(Right, Rounded));
    }

    private static ProbeCall Call(string args, string test) => new("stats", "median", (JsonArray)JsonNode.Parse(args)!, []) { Test = test };

    private static JsonObject Returned(string value) => new() { ["returned"] = JsonNode.Parse(value) };

    private static JsonObject Raised(string type, string message) => new() { ["raised"] = type, ["message"] = message };
}
