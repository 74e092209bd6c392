using System.Globalization;
using System.Text;

namespace Wand.Repair;

/// <summary>The report people read: what happened, the winning diff, and every candidate by round.</summary>
public static class RepairReportMarkdown
{
    public static string Render(RepairOutcome outcome, IReadOnlyList<CandidateSummary> candidates, IReadOnlyList<GeneratedCandidate> generations, string? bestDiff)
    {
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine(inv, $"# Repair {outcome.JobId}: {Headline(outcome.Status)}").AppendLine();
        md.AppendLine(inv, $"- Stopped because {outcome.StopReason}.");
        foreach (var note in outcome.Notes ?? [])
        {
            md.AppendLine(inv, $"- Note: {note}.");
        }

        md.AppendLine(inv, $"- Original code: {outcome.Baseline.Passed} of {outcome.Baseline.TestCount} tests pass ({outcome.Baseline.Reason}).");
        if (outcome.Best is { } best)
        {
            md.AppendLine(inv, $"- Best candidate: `{best.ShortKey}` from round {best.Round}, {best.Passed} of {best.TestCount} tests pass, {best.ChangedLines} lines changed.");
        }

        var s = outcome.Spending;
        md.AppendLine(inv, $"- Spent: {s.Describe(outcome.Generator)}.");
        if (outcome.LlmCallsSaved > 0)
        {
            md.AppendLine(inv, $"- The search finished the repair before another LLM round: about {outcome.LlmCallsSaved} LLM calls saved.");
        }
        md.AppendLine(inv, $"- Generated {outcome.Generated} candidates: {outcome.Duplicates} duplicates (not run again), {outcome.Unusable} without usable code.");
        if (outcome.FlakyTests.Count > 0)
        {
            md.AppendLine().AppendLine("## Flaky tests").AppendLine().AppendLine("These tests gave different outcomes on runs of the same code:").AppendLine();
            foreach (var test in outcome.FlakyTests)
            {
                md.AppendLine(inv, $"- `{test}`");
            }
        }

        if (outcome.Suspicious is { Count: > 0 } suspicious)
        {
            md.AppendLine().AppendLine("## Suspicious candidates").AppendLine()
                .AppendLine("These passed every test and were caught gaming them; none is ever offered as the fix:").AppendLine();
            foreach (var c in suspicious)
            {
                md.AppendLine(inv, $"- `{c.ShortKey}` (round {c.Round}):");
                foreach (var finding in c.Suspicion!)
                {
                    md.AppendLine(inv, $"  - {finding.Reason}{(finding.File is null ? "" : $" at `{finding.File}:{finding.Line}`")}: `{Cell(finding.Text)}`");
                }
            }
        }

        if (!string.IsNullOrEmpty(bestDiff))
        {
            md.AppendLine().AppendLine("## Best candidate's diff").AppendLine().AppendLine("```diff").Append(bestDiff.TrimEnd('\n')).AppendLine().AppendLine("```");
        }

        md.AppendLine().AppendLine("## Candidates").AppendLine();
        md.AppendLine("| round | candidate | parent | tests passed | result | lines changed | time | cached | first failure |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var c in candidates)
        {
            var parent = c.ParentKey is null ? "" : $"`{CandidateSummary.Abbreviate(c.ParentKey)}`";
            md.AppendLine(inv, $"| {c.Round} | `{c.ShortKey}` | {parent} | {c.Passed}/{c.TestCount} | {c.Reason}{(c.AllPassed ? " (all pass)" : c.IsSuspicious ? " (suspicious)" : "")} | {c.ChangedLines} | {c.DurationMs / 1000.0:F1} s | {(c.Cached ? "yes" : "no")} | {Cell(c.FirstFailure)} |");
        }

        var problems = generations.Where(g => g.Problem is not null).ToList();
        if (problems.Count > 0)
        {
            md.AppendLine().AppendLine("## Generations without a candidate").AppendLine();
            foreach (var g in problems)
            {
                md.AppendLine(inv, $"- round {g.Round}, request {g.Index}: {g.Problem}");
            }
        }

        return md.ToString();
    }

    public static string Headline(RepairStatus status) => status switch
    {
        RepairStatus.Repaired => "repaired",
        RepairStatus.AlreadyPassing => "the tests already pass",
        RepairStatus.FlakyBaseline => "not repaired: the tests are flaky",
        RepairStatus.NoTests => "not repaired: no test ran",
        _ => "not repaired",
    };

    private static string Cell(string? text) => text is null ? "" : text.Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);
}
