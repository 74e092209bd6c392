using System.Text.Json.Nodes;

namespace Wand.Behaviour;

/// <summary>What the examination makes of the outcomes: the groups, the fix they offer, its label, the disagreements and the test to add.</summary>
public sealed class BehaviourExaminationTests
{
    // can_vote(18) from the failing test, can_vote(40) from a passing one, and amplified neighbours.
    private static readonly ProbeCall[] Inputs = [Call("[18]", "t::eighteen"), Call("[40]", "t::forty"), Call("[17]", "t::eighteen"), Call("[0]", "t::eighteen")];
    private static readonly ProbeRecording Recording = new([Inputs[0], Inputs[1]], new Dictionary<string, string> { ["t::eighteen"] = "failed", ["t::forty"] = "passed" });
    private static readonly JsonObject[] Original = [Returned("false"), Returned("true"), Returned("false"), Returned("false")];
    private static readonly JsonObject[] AtLeast18 = [Returned("true"), Returned("true"), Returned("false"), Returned("false")];
    private static readonly JsonObject[] Positive = [Returned("true"), Returned("true"), Returned("true"), Returned("false")];
    private static readonly JsonObject[] Everyone = [Returned("true"), Returned("true"), Returned("true"), Returned("true")];

    [Fact]
    public void Compare_OffersTheLargestGroupsFirstCandidate_AndListsWhereTheOthersDisagree_ShortestInputFirst()
    {
        var evidence = BehaviourExamination.Compare(DisagreementTest.Python, Inputs, Recording, Original, [("wrong", Positive), ("right", AtLeast18), ("alsoRight", AtLeast18), ("yes", Everyone)]);

        Assert.Equal("right", evidence.Offered);
        Assert.Equal(Confidence.Plausible, evidence.Confidence);
        Assert.Equal([["right", "alsoRight"], ["wrong"], ["yes"]], evidence.Groups.Select(g => g.Candidates));
        Assert.Equal((4, 2, 4), (evidence.Compared, evidence.Recorded, evidence.Inputs));
        Assert.Equal(["can_vote(0)", "can_vote(17)"], evidence.Disagreements.Select(d => d.Call));
        var at17 = evidence.Disagreements[1];
        Assert.Equal("returns False", at17.Original);
        Assert.Equal(["returns False", "returns True", "returns True"], at17.Answers.Select(a => a.Answer));
        Assert.Contains("# the offered fix (+1 alike): returns False", evidence.Test, StringComparison.Ordinal);
        Assert.Contains("# candidate wrong: returns False\n    # candidate yes: returns True\n", evidence.Test, StringComparison.Ordinal);
        Assert.EndsWith("    assert can_vote(0) == False\n", evidence.Test, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_CandidatesThatAllAgree_AreLikelyCorrect_WithNothingToDecide()
    {
        var evidence = BehaviourExamination.Compare(DisagreementTest.Python, Inputs, Recording, Original, [("right", AtLeast18), ("alsoRight", AtLeast18)]);

        Assert.Equal(Confidence.LikelyCorrect, evidence.Confidence);
        Assert.Equal("likely-correct", evidence.Label);
        Assert.Empty(evidence.Disagreements);
        Assert.Null(evidence.Test);
    }

    [Fact]
    public void Compare_AmongEqualGroups_TheFirstCandidatesGroupIsOffered()
    {
        Assert.Equal("wrong", BehaviourExamination.Compare(DisagreementTest.Python, Inputs, Recording, Original, [("wrong", Positive), ("right", AtLeast18)]).Offered);
        Assert.Equal("right", BehaviourExamination.Compare(DisagreementTest.Python, Inputs, Recording, Original, [("right", AtLeast18), ("wrong", Positive)]).Offered);
    }

    [Fact]
    public void NotExamined_IsPlausible_AndSaysThatTheTestsAreAllTheEvidence()
    {
        var evidence = BehaviourEvidence.NotExamined("fix", "Wand has no behaviour probe for go yet");

        Assert.Equal("plausible: Wand has no behaviour probe for go yet: passing the tests is the only evidence", evidence.Describe());
        Assert.Equal(0, evidence.Compared);
    }

    private static ProbeCall Call(string args, string test) => new("voting", "can_vote", (JsonArray)JsonNode.Parse(args)!, []) { Test = test };

    private static JsonObject Returned(string value) => new() { ["returned"] = JsonNode.Parse(value) };
}
