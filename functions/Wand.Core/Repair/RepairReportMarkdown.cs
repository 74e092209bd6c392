using System.Globalization;
using System.Text;
using Wand.Behaviour;
using Wand.Sandbox;

namespace Wand.Repair;

/// <summary>The report people read: what happened, the winning diff, and every candidate by round.</summary>
public static class RepairReportMarkdown
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(
        RepairOutcome outcome, IReadOnlyList<CandidateSummary> candidates, IReadOnlyList<GeneratedCandidate> generations, string? bestDiff, string? setupLog = null)
    {
        var md = new StringBuilder();
        Summary(md, outcome);
        if (!string.IsNullOrWhiteSpace(setupLog))
        {
            md.AppendLine().AppendLine("## The end of the setup's log").AppendLine().AppendLine("~~~~text").AppendLine(setupLog.TrimEnd()).AppendLine("~~~~");
        }

        Flaky(md, outcome.FlakyTests);
        Suspicious(md, outcome.Suspicious ?? []);
        if (!string.IsNullOrEmpty(bestDiff))
        {
            md.AppendLine().AppendLine("## Best candidate's diff").AppendLine().AppendLine("```diff").Append(bestDiff.TrimEnd('\n')).AppendLine().AppendLine("```");
        }

        if (outcome.Behaviour is { } behaviour)
        {
            md.AppendLine().Append(RepairReportConfidence.Markdown(behaviour));
        }

        Candidates(md, candidates);
        var problems = generations.Where(g => g.Problem is not null).ToList();
        if (problems.Count > 0)
        {
            md.AppendLine().AppendLine("## Generations without a candidate").AppendLine();
            foreach (var g in problems)
            {
                md.AppendLine(Inv, $"- round {g.Round}, request {g.Index}: {g.Problem}");
            }
        }

        return md.ToString();
    }

    private static void Summary(StringBuilder md, RepairOutcome outcome)
    {
        md.AppendLine(Inv, $"# Repair {outcome.JobId}: {Headline(outcome.Status)}").AppendLine();
        md.AppendLine(Inv, $"- Stopped because {outcome.StopReason}.");
        foreach (var note in outcome.Notes ?? [])
        {
            md.AppendLine(Inv, $"- Note: {note}.");
        }

        md.AppendLine(Inv, $"- Original code: {outcome.Baseline.Passed} of {outcome.Baseline.TestCount} tests pass (the run {outcome.Baseline.Reason.Describe()}).");
        if (outcome.Best is { } best)
        {
            md.AppendLine(Inv, $"- Best candidate: `{best.ShortKey}` from round {best.Round}, {best.Passed} of {best.TestCount} tests pass, {best.ChangedLines} lines changed.");
        }

        if (outcome.Confidence is { } confidence)
        {
            md.AppendLine(Inv, $"- How sure: **{ConfidenceLabel.Word(confidence)}** (see below).");
        }

        md.AppendLine(Inv, $"- Spent: {outcome.Spending.Describe(outcome.Generator)}.");
        if (outcome.Spending.WhatRan is { } ran)
        {
            md.AppendLine(Inv, $"- Tests chosen per candidate: {ran}.");
        }

        if (outcome.Spending.SearchTime is { } searched)
        {
            md.AppendLine(Inv, $"- Search: {searched}.");
        }
        if (outcome.LlmCallsSaved > 0)
        {
            md.AppendLine(Inv, $"- The search finished the repair before another LLM round: about {outcome.LlmCallsSaved} LLM calls saved.");
        }

        md.AppendLine(Inv, $"- Generated {outcome.Generated} candidates: {outcome.Duplicates} duplicates (not run again), {outcome.Unusable} without usable code.");
    }

    private static void Flaky(StringBuilder md, IReadOnlyList<string> tests)
    {
        if (tests.Count == 0)
        {
            return;
        }

        md.AppendLine().AppendLine("## Flaky tests").AppendLine().AppendLine("These tests gave different outcomes on runs of the same code:").AppendLine();
        foreach (var test in tests)
        {
            md.AppendLine(Inv, $"- `{test}`");
        }
    }

    private static void Suspicious(StringBuilder md, IReadOnlyList<CandidateSummary> suspicious)
    {
        if (suspicious.Count == 0)
        {
            return;
        }

        md.AppendLine().AppendLine("## Suspicious candidates").AppendLine()
            .AppendLine("These passed every test and were caught gaming them; none is ever offered as the fix:").AppendLine();
        foreach (var c in suspicious)
        {
            md.AppendLine(Inv, $"- `{c.ShortKey}` (round {c.Round}):");
            foreach (var finding in c.Suspicion!)
            {
                md.AppendLine(Inv, $"  - {finding.Reason}{(finding.File is null ? "" : $" at `{finding.File}:{finding.Line}`")}: `{Cell(finding.Text)}`");
            }
        }
    }

    private static void Candidates(StringBuilder md, IReadOnlyList<CandidateSummary> candidates)
    {
        md.AppendLine().AppendLine("## Candidates").AppendLine();
        md.AppendLine("| round | candidate | parent | tests passed | result | lines changed | time | cached | first failure |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var c in candidates)
        {
            var parent = c.ParentKey is null ? "" : $"`{CandidateSummary.Abbreviate(c.ParentKey)}`";
            md.AppendLine(Inv, $"| {c.Round} | `{c.ShortKey}` | {parent} | {c.Passed}/{c.TestCount} | {c.Result} | {c.ChangedLines} | {c.DurationMs / 1000.0:F1} s | {(c.Cached ? "yes" : "no")} | {Cell(c.FirstFailure)} |");
        }
    }

    /// <summary>The headline and why, in one line, without saying twice what both say (<c>not repaired: no test ran: no test ran: ...</c>).</summary>
    public static string HeadlineWithReason(RepairStatus status, string reason)
    {
        var headline = Headline(status);
        var said = headline[(headline.LastIndexOf(": ", StringComparison.Ordinal) + 1)..].TrimStart();
        return reason.StartsWith(said + ": ", StringComparison.Ordinal) ? $"{headline}: {reason[(said.Length + 2)..]}" : $"{headline}: {reason}";
    }

    public static string Headline(RepairStatus status) => status switch
    {
        RepairStatus.Repaired => "repaired",
        RepairStatus.AlreadyPassing => "the tests already pass",
        RepairStatus.FlakyBaseline => "not repaired: the tests are flaky",
        RepairStatus.NoTests => "not repaired: no test ran",
        RepairStatus.SetupFailed => "not repaired: the environment's setup failed",
        _ => "not repaired",
    };

    private static string Cell(string? text) => text is null ? "" : text.Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);
}
