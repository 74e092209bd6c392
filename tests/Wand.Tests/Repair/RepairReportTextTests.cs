using Wand.Sandbox;

namespace Wand.Repair;

/// <summary>The text `wand repair` prints at the end: verdict, best diff, one line per round, spending, files.</summary>
public sealed class RepairReportTextTests
{
    private static readonly CandidateSummary Baseline = Candidate("0000baseline", round: 0, passed: 3);

    [Fact]
    public void Render_ARepair_SaysTheVerdictTheDiffTheRoundsAndWhereTheFilesAre()
    {
        var best = Candidate("bbbb1111", round: 1, passed: 4);
        var candidates = new List<CandidateSummary> { Baseline, Candidate("aaaa2222", round: 1, passed: 2, reason: ExitReason.CompileError), best };
        var outcome = new RepairOutcome("job-1", RepairStatus.Repaired, "candidate bbbb1111 passes every test, and did again on a second run", Baseline, best,
            new RepairSpending(1, 3, 1234, 2, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc)), 2, 0, 0, []);

        var text = RepairReportText.Render(outcome, candidates, "--- a/m.py\n+++ b/m.py\n-    return 1\n+    return 0\n", "/tmp/out");

        Assert.StartsWith("repaired: candidate bbbb1111 passes every test", text, StringComparison.Ordinal);
        Assert.Contains("  original code: 3 of 4 tests pass\n", text, StringComparison.Ordinal);
        Assert.Contains("    +    return 0\n", text, StringComparison.Ordinal);
        Assert.Contains("  round  run  compiled  best tests  all pass  sandbox time\n      1    2         1         4/4         1         2.0 s\n", text, StringComparison.Ordinal);
        Assert.Contains("  spent 1 round, 3 candidate runs, 0 search candidates, 2 LLM calls, 1,234 tokens;", text, StringComparison.Ordinal);
        Assert.EndsWith("  open the report: /tmp/out/report.html\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NothingWritten_SaysNoFolder()
    {
        var outcome = new RepairOutcome("job-1", RepairStatus.NotRepaired, "all 4 rounds are spent", Baseline, null,
            RepairSpending.Start(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc)), 0, 0, 0, []);

        var text = RepairReportText.Render(outcome, [Baseline], null, null);

        Assert.DoesNotContain("written to", text, StringComparison.Ordinal);
        Assert.DoesNotContain("round  run", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoTestRan_SaysSoOnce()
    {
        var outcome = new RepairOutcome("job-1", RepairStatus.NoTests, "no test ran: package.json runs mocha, which is not installed", Baseline, null,
            RepairSpending.Start(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc)), 0, 0, 0, []);

        var text = RepairReportText.Render(outcome, [Baseline], null, null);

        Assert.StartsWith("not repaired: no test ran: package.json runs mocha, which is not installed\n", text, StringComparison.Ordinal);
    }

    private static CandidateSummary Candidate(string key, int round, int passed, ExitReason reason = ExitReason.Completed) =>
        new(key, round, round == 0 ? null : "0000baseline", reason, passed == 4 && reason == ExitReason.Completed, passed, 4 - passed, 4,
            1, 1000, Cached: false, null, passed == 4 ? null : "test_median failed");
}
