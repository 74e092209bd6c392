using Wand.Plumbing;
using Wand.Sandbox;

namespace Wand.Repair;

/// <param name="Runs">How many times the unchanged code runs when it fails (at least 1).</param>
public sealed record BaselineRequest(string JobId, int Runs);

/// <param name="FlakyTests">Tests whose outcome differed between runs of the unchanged code (empty when stable).</param>
public sealed record BaselineEvaluation(CandidateSummary Baseline, IReadOnlyList<string> FlakyTests);

/// <summary>
/// Runs the job's code as given. When it fails, runs it again (never from the cache) and
/// compares: a test that passes in one run and fails in another is flaky, and a flaky job is
/// reported, not "repaired" (a candidate would pass by luck).
/// </summary>
public sealed class EvaluateBaselineActivity(RepairBlobs artifacts, EvaluateCandidateActivity evaluate, ISandbox sandbox)
    : IWandActivity<BaselineRequest, BaselineEvaluation>
{
    public async Task<BaselineEvaluation> RunAsync(BaselineRequest input, CancellationToken cancellationToken)
    {
        var job = await artifacts.JobAsync(input.JobId, cancellationToken);
        var key = await artifacts.PutFilesAsync(input.JobId, job.Files, cancellationToken);
        var baseline = await evaluate.RunAsync(new EvaluationRequest(input.JobId, key, 0, null, null), cancellationToken);
        // A run with no test is the same every time: nothing to compare.
        if (baseline.AllPassed || baseline.Reason is ExitReason.NoTests or ExitReason.SetupFailed || input.Runs <= 1)
        {
            return new BaselineEvaluation(baseline, []);
        }

        // A run that ran out of time would take the job's whole limit again to compare: a test
        // that hangs is not flaky, and the fix's own second run still guards against luck.
        var first = await artifacts.ResultAsync(input.JobId, key, cancellationToken);
        if (first.RanOutOfTime)
        {
            return new BaselineEvaluation(baseline, []);
        }

        var runs = new List<SandboxResult> { first };
        for (var run = 2; run <= input.Runs; run++)
        {
            var again = await sandbox.RunAsync(job.ToJob(), cancellationToken);
            await artifacts.Store.PutJsonAsync(JobBlobNames.BaselineRun(input.JobId, run), again, cancellationToken);
            runs.Add(again);
        }

        return new BaselineEvaluation(baseline, FlakyTests(runs));
    }

    /// <summary>The tests whose pass/fail differs between <paramref name="runs"/> of the same code; the run itself counts when its reason differs.</summary>
    public static IReadOnlyList<string> FlakyTests(IReadOnlyList<SandboxResult> runs)
    {
        // Tests are compared as the same test across runs (TestIdentity): a name that carries the
        // time or a GUID is one test, and its passes are counted per identity.
        var flaky = new SortedSet<string>(StringComparer.Ordinal);
        var passes = runs.Select(r => r.Tests.GroupBy(t => TestIdentity.Of(t.Name), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Passed: g.Count(t => t.Outcome == TestOutcome.Passed)), StringComparer.Ordinal)).ToList();
        foreach (var identity in passes.SelectMany(p => p.Keys).Distinct(StringComparer.Ordinal))
        {
            if (passes.Select(p => p.GetValueOrDefault(identity)).Distinct().Count() > 1)
            {
                flaky.Add(identity);
            }
        }

        // Runs that were stopped, whatever stopped them, end alike: code that recurses without end
        // fills its output in one run and its time in the next.
        if (flaky.Count == 0 && runs.Select(r => Stopped(r.Reason) ? ExitReason.Killed : r.Reason).Distinct().Count() > 1)
        {
            flaky.Add($"(the whole run: {string.Join(" vs ", runs.Select(r => r.Reason).Distinct())})");
        }

        return [.. flaky];
    }

    private static bool Stopped(ExitReason reason) => reason is ExitReason.Timeout or ExitReason.OutputTruncated or ExitReason.OutOfMemory or ExitReason.Killed;
}
