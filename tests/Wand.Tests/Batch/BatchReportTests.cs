using Wand.Behaviour;
using Wand.Repair;
using Wand.Sandbox;

namespace Wand.Batch;

public sealed class BatchReportTests
{
    [Fact]
    public void From_ARepairedOutcome_IsALineWithTheBestCandidatesCounts()
    {
        var baseline = Candidate("base", passed: 2, tests: 4);
        var outcome = new RepairOutcome("batch-b.3", RepairStatus.Repaired, "a candidate passed every test", baseline, Candidate("fix", passed: 4, tests: 4),
            RepairSpending.Start(DateTime.UnixEpoch), 10, 0, 0, [], MarkdownReport: new("wand", "jobs/batch-b.3/report.md"));

        var line = BatchJobResult.From(3, outcome);

        Assert.Equal(new BatchJobResult(3, "batch-b.3", "repaired", "a candidate passed every test", 4, 4, "jobs/batch-b.3/report.md"), line);
    }

    [Fact]
    public void From_AnOutcomeWithBehaviourEvidence_CarriesTheLabelAndItsReasons()
    {
        var evidence = BehaviourEvidence.NotExamined("fix", "Wand has no behaviour probe for go yet");
        var outcome = new RepairOutcome("j", RepairStatus.Repaired, "a candidate passed every test", Candidate("base", 2, 4), Candidate("fix", 4, 4),
            RepairSpending.Start(DateTime.UnixEpoch), 10, 0, 0, [], Behaviour: evidence);

        var line = BatchJobResult.From(1, outcome);

        Assert.Equal(("plausible", evidence.Reasons), (line.Confidence, line.ConfidenceReasons));
    }

    [Fact]
    public void From_NoFixButCandidatesCaughtGamingTheTests_IsSuspicious()
    {
        var caught = Candidate("gamer", 4, 4) with { AllPassed = false, Suspicion = [new Trust.GamingFinding("it reads the tests' expected values", "m.py", 3, "open('test_m.py')")] };
        var outcome = new RepairOutcome("j", RepairStatus.NotRepaired, "budget spent", Candidate("base", 2, 4), null,
            RepairSpending.Start(DateTime.UnixEpoch), 10, 0, 0, [], Suspicious: [caught]);

        var line = BatchJobResult.From(1, outcome);

        Assert.Equal("suspicious", line.Confidence);
        Assert.Null(line.ConfidenceReasons);
    }

    [Fact]
    public void From_NoBetterCandidate_CountsTheBaseline()
    {
        var outcome = new RepairOutcome("j", RepairStatus.NotRepaired, "budget spent", Candidate("base", 2, 4), Candidate("worse", 1, 4),
            RepairSpending.Start(DateTime.UnixEpoch), 10, 0, 0, []);

        var line = BatchJobResult.From(1, outcome);

        Assert.Equal((2, 4, "notRepaired"), (line.Passed, line.Tests, line.Status));
    }

    [Fact]
    public void Summary_CountsEachStatus_AndNamesTheReport()
    {
        BatchJobResult[] results =
        [
            new(1, "a", "repaired", ""), new(2, "b", "repaired", ""), new(3, "c", "alreadyPassing", ""), new(4, "d", "notRepaired", ""),
            new(5, "e", "flakyBaseline", ""), new(6, null, "rejected", "unknown language"), new(7, "g", "failed", "boom"), new(8, "h", "canceled", ""),
        ];

        var summary = BatchSummary.From("b", null, results);

        Assert.Equal(new BatchSummary("b", 8, 2, 1, 2, 1, 2, null, "batches/b/report.jsonl"), summary);
    }

    private static CandidateSummary Candidate(string key, int passed, int tests) =>
        new(key, 0, null, ExitReason.Completed, passed == tests, passed, tests - passed, tests, 0, 10, false, null, null);
}
