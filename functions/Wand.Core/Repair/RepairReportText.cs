using System.Globalization;
using System.Text;
using Wand.Sandbox;

namespace Wand.Repair;

/// <summary>
/// The repair's report as plain text, the way <c>wand repair</c> prints it when it ends (beside
/// <see cref="RepairReportMarkdown"/> and <see cref="RepairReportHtml"/>): the verdict, the
/// original and the best candidate with its diff, what was caught, one line per round, the
/// spending, and where the files went.
/// </summary>
public static class RepairReportText
{
    /// <param name="candidates">Every candidate of the report (for the rounds' lines).</param>
    /// <param name="bestDiff">The best candidate's diff, shown indented.</param>
    /// <param name="outDir">Where the files were written (null: they were not).</param>
    public static string Render(RepairOutcome outcome, IReadOnlyList<CandidateSummary> candidates, string? bestDiff, string? outDir)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(RepairReportMarkdown.HeadlineWithReason(outcome.Status, outcome.StopReason));
        text.AppendLine(inv, $"  original code: {outcome.Baseline.Passed} of {outcome.Baseline.TestCount} tests pass");
        if (outcome.Best is { } best)
        {
            text.AppendLine(inv, $"  best candidate {best.ShortKey} (round {best.Round}): {best.Passed} of {best.TestCount} tests pass, {best.ChangedLines} lines changed");
            foreach (var line in (bestDiff ?? "").TrimEnd('\n').Split('\n'))
            {
                text.AppendLine(inv, $"    {line}");
            }
        }

        foreach (var line in outcome.Behaviour is { } behaviour ? RepairReportConfidence.TextLines(behaviour) : [])
        {
            text.AppendLine(line);
        }

        foreach (var caught in outcome.Suspicious ?? [])
        {
            text.AppendLine(inv, $"  suspicious: {caught.Suspected}");
        }

        foreach (var test in outcome.FlakyTests)
        {
            text.AppendLine(inv, $"  flaky: {test}");
        }

        Rounds(text, candidates);
        text.AppendLine(inv, $"  spent {outcome.Spending.Describe()}; {outcome.Duplicates} duplicates not run again, {outcome.Unusable} replies without code");
        if (outcome.Spending.SearchTime is { } searched)
        {
            text.AppendLine(inv, $"  {searched}");
        }

        if (outcome.LlmCallsSaved > 0)
        {
            text.AppendLine(inv, $"  the search finished the repair, saving about {outcome.LlmCallsSaved} LLM calls");
        }

        if (outDir is not null)
        {
            text.AppendLine(inv, $"  written to {outDir} (report.html, report.md, report.json{(outcome.Best is null ? "" : ", best.diff, best/")}, artifacts/)");
            text.AppendLine(inv, $"  open the report: {Path.Combine(outDir, "report.html")}");
        }

        return text.ToString();
    }

    /// <summary>
    /// One line per round: candidates run, how many compiled, the best pass count, how many passed
    /// everything, and the sandbox time they took together (runs overlap, so it can be more than the wall time).
    /// </summary>
    private static void Rounds(StringBuilder text, IReadOnlyList<CandidateSummary> candidates)
    {
        var rounds = candidates.Where(c => c.Round > 0).GroupBy(c => c.Round).OrderBy(g => g.Key).ToList();
        if (rounds.Count == 0)
        {
            return;
        }

        text.AppendLine("  round  run  compiled  best tests  all pass  sandbox time");
        foreach (var round in rounds)
        {
            var best = round.Ranked().First();
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"  {round.Key,5}  {round.Count(),3}  {round.Count(c => c.Reason != ExitReason.CompileError),8}  {$"{best.Passed}/{best.TestCount}",10}  {round.Count(c => c.AllPassed),8}  {round.Sum(c => c.DurationMs) / 1000.0,10:F1} s"));
        }
    }
}
