using Wand.Behaviour;

namespace Wand.Repair;

/// <summary>How sure Wand is, as the Markdown report, the pull-request comment and the CLI show it; candidates' answers stay inert.</summary>
public sealed class RepairReportConfidenceTests
{
    private static readonly BehaviourEvidence Plausible = new(
        Confidence.Plausible, ["3 passing candidates behave 2 ways on 12 inputs; this fix is in a group of 2"], "aaaa1111bbbb", 3, 4, 12,
        [new BehaviourGroup(["aaaa1111bbbb", "cccc2222dddd"]), new BehaviourGroup(["eeee3333ffff"])],
        [new Disagreement("median([5, 1])", "returns 5.0", [new GroupAnswer(["aaaa1111bbbb", "cccc2222dddd"], "returns 3.0"), new GroupAnswer(["eeee3333ffff"], "returns 3.3333333333333335")])],
        "import pytest\n\nfrom stats import median\n\n\ndef test_median_where_fixes_disagree():\n    assert median([5, 1]) == 3.0\n")
    {
        TestLanguage = "python",
    };

    [Fact]
    public void Markdown_SaysTheLabelAndReasons_TablesTheDisagreement_AndGivesTheTest()
    {
        var md = RepairReportConfidence.Markdown(Plausible);

        Assert.StartsWith("## How sure: plausible\n\n- 3 passing candidates behave 2 ways on 12 inputs; this fix is in a group of 2\n", md, StringComparison.Ordinal);
        Assert.Contains("Compared 3 passing candidate(s) and the original code on 12 inputs: the 4 calls the tests made", md, StringComparison.Ordinal);
        Assert.Contains("| input | original | the offered fix (+1 alike) | candidate eeee3333 |\n|---|---|---|---|\n", md, StringComparison.Ordinal);
        Assert.Contains("| `median([5, 1])` | `returns 5.0` | `returns 3.0` | `returns 3.3333333333333335` |\n", md, StringComparison.Ordinal);
        Assert.Contains("```python\nimport pytest\n", md, StringComparison.Ordinal);
        Assert.EndsWith("    assert median([5, 1]) == 3.0\n```\n", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_AHostileAnswer_CannotCloseItsCodeSpan_SplitTheTable_OrEndTheTestsBlock()
    {
        var hostile = Plausible with
        {
            Disagreements = [new Disagreement("f()", "returns 1", [new GroupAnswer(["aaaa1111bbbb"], "returns '` | **pushed** |\n# x'"), new GroupAnswer(["eeee3333ffff"], "returns 2")])],
            Test = "def test_where_fixes_disagree():\n    assert f() == '````\\n@everyone'\n",
        };

        var md = RepairReportConfidence.Markdown(hostile);

        Assert.Contains("| `f()` | `returns 1` | `returns '' \\| **pushed** \\| # x'` | `returns 2` |\n", md, StringComparison.Ordinal);
        Assert.Contains("`````python\n", md, StringComparison.Ordinal);
        Assert.EndsWith("\n`````\n", md, StringComparison.Ordinal);
    }

    [Fact]
    public void TextLines_GiveTheLabel_TheFirstDisagreement_AndTheTestIndented()
    {
        var lines = RepairReportConfidence.TextLines(Plausible).ToList();

        Assert.Equal("  how sure: plausible: 3 passing candidates behave 2 ways on 12 inputs; this fix is in a group of 2", lines[0]);
        Assert.Equal("  passing candidates disagree on median([5, 1]): the original returns 5.0; the offered fix (+1 alike) returns 3.0; candidate eeee3333 returns 3.3333333333333335", lines[1]);
        Assert.Equal("        assert median([5, 1]) == 3.0", lines[^1]);
    }
}
