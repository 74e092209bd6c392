using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Wand.Behaviour;

namespace Wand.Repair;

/// <summary>
/// The report as one self-contained HTML page: status and winner first, then what was spent,
/// then every round's candidates best first, the top ones expandable to their diff and log.
/// No script, no outside resource: it opens offline from a file, and its Content-Security-Policy
/// lets nothing run even if escaping ever failed. Everything from a candidate (code, logs,
/// explanations) is untrusted and goes through <see cref="Text"/>.
/// </summary>
public static class RepairReportHtml
{
    /// <summary>Candidates per round whose diff and log are embedded; the rest are listed in one line each.</summary>
    public const int EmbeddedPerRound = 25;

    /// <summary>The candidates whose diff and log <see cref="Render"/> embeds: the best of each round.</summary>
    public static IReadOnlyList<CandidateSummary> Embedded(IReadOnlyList<CandidateSummary> candidates) =>
        [.. candidates.GroupBy(c => c.Round).SelectMany(round => round.Ranked().Take(EmbeddedPerRound))];

    /// <param name="evidence">Diff and log by candidate key, for the <see cref="Embedded"/> candidates.</param>
    /// <param name="wallTime">From the job's start to this report.</param>
    public static string Render(
        RepairOutcome outcome,
        IReadOnlyList<CandidateSummary> candidates,
        IReadOnlyList<GeneratedCandidate> generations,
        IReadOnlyDictionary<string, CandidateEvidence> evidence,
        TimeSpan wallTime)
    {
        var html = new StringBuilder();
        var title = $"Repair {outcome.JobId}: {RepairReportMarkdown.Headline(outcome.Status)}";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Text(title)).Append("</title>\n")
            .Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n");

        Header(html, outcome);
        Winner(html, outcome, evidence);
        HowSure(html, outcome.Behaviour);
        Spending(html, outcome, wallTime);
        var slowest = Math.Max(1, candidates.Select(c => c.DurationMs).DefaultIfEmpty(0).Max());
        var rounds = candidates.Select(c => c.Round).Concat(generations.Select(g => g.Round)).Distinct().Order();
        foreach (var round in rounds)
        {
            Round(html, outcome, round, [.. candidates.Where(c => c.Round == round).Ranked()], [.. generations.Where(g => g.Round == round && g.Problem is not null)], evidence, slowest);
        }

        html.Append("<footer>Every candidate's files, result, diff and whole log: <code>artifacts/candidates/{key}/</code> in the output folder (blobs under <code>")
            .Append(Text(JobBlobNames.Prefix(outcome.JobId))).Append("</code>).</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Untrusted text made inert: safe between tags and inside quoted attributes.</summary>
    public static string Text(string? text) => WebUtility.HtmlEncode(text ?? "");


    private static void Header(StringBuilder html, RepairOutcome outcome)
    {
        var statusClass = outcome.Status is RepairStatus.Repaired or RepairStatus.AlreadyPassing ? "good" : "bad";
        html.Append("<header class=\"").Append(statusClass).Append("\">\n")
            .Append("<h1 id=\"status\">").Append(Text(Capitalized(RepairReportMarkdown.Headline(outcome.Status)))).Append("</h1>\n")
            .Append("<p>Job <code>").Append(Text(outcome.JobId)).Append("</code>. Stopped because ").Append(Text(outcome.StopReason)).Append(".</p>\n")
            .Append(Inv($"<p>Original code: {outcome.Baseline.Passed}/{outcome.Baseline.TestCount} tests pass ({Text(outcome.Baseline.Result)}).</p>\n"));
        foreach (var note in outcome.Notes ?? [])
        {
            html.Append("<p class=\"note\">Note: ").Append(Text(note)).Append(".</p>\n");
        }

        if (outcome.FlakyTests.Count > 0)
        {
            html.Append("<p>Flaky tests (different outcomes on runs of the same code): ")
                .AppendJoin(", ", outcome.FlakyTests.Select(t => $"<code>{Text(t)}</code>")).Append("</p>\n");
        }

        foreach (var c in outcome.Suspicious ?? [])
        {
            html.Append(Inv($"<p class=\"suspicious\">Suspicious: candidate <code>{Text(c.ShortKey)}</code> (round {c.Round}) passes every test and is not believed:</p>\n<ul class=\"suspicious\">\n"));
            foreach (var finding in c.Suspicion!)
            {
                var where = finding.File is null ? "" : Inv($" at <code>{Text(finding.File)}:{finding.Line}</code>");
                html.Append("<li>").Append(Text(finding.Reason)).Append(where).Append(": <code>").Append(Text(finding.Text)).Append("</code></li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("</header>\n");
    }

    private static void Winner(StringBuilder html, RepairOutcome outcome, IReadOnlyDictionary<string, CandidateEvidence> evidence)
    {
        if (outcome.Best is not { } best)
        {
            return;
        }

        var heading = best.AllPassed ? "Winner" : "Best candidate (not every test passes)";
        html.Append("<section id=\"winner\">\n<h2>").Append(heading).Append(" <code>").Append(Text(best.ShortKey)).Append("</code></h2>\n")
            .Append(Inv($"<p>Round {best.Round}, {best.Passed}/{best.TestCount} tests pass, {best.ChangedLines} lines changed, {Seconds(best.DurationMs)}."));
        if (best.Explanation is { Length: > 0 } why)
        {
            html.Append(" The generator said: <q>").Append(Text(why)).Append("</q>");
        }

        html.Append("</p>\n");
        if (evidence.TryGetValue(best.Key, out var e))
        {
            Diff(html, e);
        }

        html.Append("</section>\n");
    }

    private static void HowSure(StringBuilder html, BehaviourEvidence? behaviour)
    {
        if (behaviour is null)
        {
            return;
        }

        html.Append("<section id=\"confidence\">\n<h2>How sure: <span class=\"label ").Append(behaviour.Label).Append("\">").Append(behaviour.Label).Append("</span></h2>\n<ul>\n");
        foreach (var reason in behaviour.Reasons)
        {
            html.Append("<li>").Append(Text(reason)).Append("</li>\n");
        }

        html.Append("</ul>\n");
        if (behaviour.Disagreements.Count > 0)
        {
            html.Append("<table>\n<caption>Where passing candidates disagree</caption>\n<tr><th>input</th><th>original</th>")
                .AppendJoin("", behaviour.Groups.Select(g => $"<th>{Text(g.Name(behaviour.Offered))}</th>")).Append("</tr>\n");
            foreach (var d in behaviour.Disagreements)
            {
                html.Append("<tr><td><code>").Append(Text(d.Call)).Append("</code></td><td>").Append(Text(d.Original)).Append("</td>")
                    .AppendJoin("", d.Answers.Select(a => $"<td>{Text(a.Answer)}</td>")).Append("</tr>\n");
            }

            html.Append("</table>\n");
        }

        if (behaviour.Test is { } test)
        {
            html.Append("<p>A test that decides between them (it asserts the offered fix's answer; change it to the one you expect):</p>\n<pre><code>")
                .Append(Text(test)).Append("</code></pre>\n");
        }

        html.Append("</section>\n");
    }

    private static void Spending(StringBuilder html, RepairOutcome outcome, TimeSpan wallTime)
    {
        var s = outcome.Spending;
        html.Append("<section id=\"spending\">\n<h2>Spending</h2>\n<dl>\n")
            .Append(Inv($"<div><dt>rounds</dt><dd>{s.Rounds}</dd></div>\n"))
            .Append(Inv($"<div><dt>generator</dt><dd>{outcome.Generator.ToString().ToLowerInvariant()}</dd></div>\n"))
            .Append(Inv($"<div><dt>candidate runs</dt><dd>{s.Candidates}</dd></div>\n"))
            .Append(Inv($"<div><dt>search candidates</dt><dd>{s.SearchRuns}</dd></div>\n"))
            .Append(Inv($"<div><dt>LLM calls</dt><dd>{s.LlmCalls}</dd></div>\n"))
            .Append(Inv($"<div><dt>LLM calls saved by the search</dt><dd>{outcome.LlmCallsSaved}</dd></div>\n"))
            .Append(Inv($"<div><dt>tokens</dt><dd>{s.Tokens:N0}</dd></div>\n"))
            .Append(s.WhatRan is { } ran ? Inv($"<div><dt>tests chosen per candidate</dt><dd>{Text(ran)}</dd></div>\n") : "")
            .Append(s.SearchTime is { } searched ? Inv($"<div><dt>search</dt><dd>{Text(searched)}</dd></div>\n") : "")
            .Append(Inv($"<div><dt>wall time</dt><dd>{Duration(wallTime)}</dd></div>\n"))
            .Append("</dl>\n")
            .Append(Inv($"<p>Generated {outcome.Generated} candidates: {outcome.Duplicates} duplicates (not run again), {outcome.Unusable} replies without usable code.</p>\n"))
            .Append("</section>\n");
    }

    private static void Round(
        StringBuilder html, RepairOutcome outcome, int round, List<CandidateSummary> ranked, List<GeneratedCandidate> problems,
        IReadOnlyDictionary<string, CandidateEvidence> evidence, long slowest)
    {
        var passing = ranked.Count(c => c.AllPassed);
        html.Append(Inv($"<section class=\"round\" id=\"round-{round}\">\n<h2>"))
            .Append(round == 0 ? "Original code" : Inv($"Round {round}"))
            .Append(Inv($" <small>{ranked.Count} candidate{(ranked.Count == 1 ? "" : "s")}, {passing} passing every test</small></h2>\n"));
        if (ranked.Count > 0)
        {
            html.Append("<div class=\"grid head\"><span>#</span><span>candidate</span><span>parent</span><span>tests</span><span>result</span><span>lines</span><span>time</span><span>cached</span></div>\n");
        }

        var rank = 0;
        foreach (var c in ranked.Take(EmbeddedPerRound))
        {
            Candidate(html, c, ++rank, winner: outcome.Best?.Key == c.Key, evidence, slowest);
        }

        var rest = ranked.Skip(EmbeddedPerRound).ToList();
        if (rest.Count > 0)
        {
            html.Append(Inv($"<details class=\"rest\">\n<summary>{rest.Count} more candidates (no diff or log here)</summary>\n"));
            foreach (var c in rest)
            {
                rank++;
                html.Append("<div class=\"grid\">");
                Cells(html, c, rank, winner: false, slowest);
                html.Append("</div>\n");
            }

            html.Append("</details>\n");
        }

        if (problems.Count > 0)
        {
            html.Append("<p>Generations without a candidate:</p>\n<ul>\n");
            foreach (var g in problems)
            {
                html.Append(Inv($"<li>request {g.Index}: ")).Append(Text(g.Problem)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("</section>\n");
    }

    /// <summary>One candidate, opened: its row, its first failure, what the generator said, its diff and log.</summary>
    private static void Candidate(StringBuilder html, CandidateSummary c, int rank, bool winner, IReadOnlyDictionary<string, CandidateEvidence> evidence, long slowest)
    {
        html.Append("<details class=\"candidate").Append(winner ? " winner" : "").Append("\" id=\"c-").Append(Text(c.Key)).Append("\">\n<summary class=\"grid\">");
        Cells(html, c, rank, winner, slowest);
        html.Append("</summary>\n");
        if (c.FirstFailure is { } failure)
        {
            html.Append("<p class=\"failure\">").Append(Text(failure)).Append("</p>\n");
        }

        if (c.Explanation is { Length: > 0 } why)
        {
            html.Append("<p>The generator said: <q>").Append(Text(why)).Append("</q></p>\n");
        }

        if (evidence.TryGetValue(c.Key, out var e))
        {
            if (c.Round > 0)
            {
                Diff(html, e);
            }

            Log(html, e, c.Key);
        }

        html.Append("</details>\n");
    }

    private static void Cells(StringBuilder html, CandidateSummary c, int rank, bool winner, long slowest)
    {
        var parent = c.ParentKey is null ? "" : $"<code>{Text(CandidateSummary.Abbreviate(c.ParentKey))}</code>";
        var result = Text(c.Result);
        html.Append(Inv($"<span>{rank}</span><span><code>{Text(c.ShortKey)}</code>{(winner ? " <b class=\"badge\">winner</b>" : "")}</span>"))
            .Append(Inv($"<span>{parent}</span><span class=\"{(c.AllPassed ? "pass" : "fail")}\">{c.Passed}/{c.TestCount}</span>"))
            .Append(Inv($"<span class=\"{(c.AllPassed ? "pass" : "fail")}\">{result}</span><span>{c.ChangedLines}</span>"))
            .Append(Inv($"<span><meter min=\"0\" max=\"{slowest}\" value=\"{c.DurationMs}\"></meter> {Seconds(c.DurationMs)}</span><span>{(c.Cached ? "yes" : "no")}</span>"));
    }

    private static void Diff(StringBuilder html, CandidateEvidence e)
    {
        if (e.Diff.Length == 0)
        {
            html.Append("<p>No change to the files.</p>\n");
            return;
        }

        html.Append("<pre class=\"diff\">");
        foreach (var line in e.Diff.TrimEnd('\n').Split('\n'))
        {
            var kind = line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal) ? "file"
                : line.StartsWith('+') ? "add"
                : line.StartsWith('-') ? "del"
                : line.StartsWith("@@", StringComparison.Ordinal) ? "hunk"
                : null;
            // Block spans are the lines (full-width colour); a newline between them would be a blank line.
            html.Append(kind is null ? "<span>" : $"<span class=\"{kind}\">").Append(Text(line)).Append("</span>");
        }

        html.Append("</pre>\n");
        if (e.DiffCut > 0)
        {
            html.Append(Inv($"<p class=\"cut\">{e.DiffCut:N0} more characters of this diff are in its diff.patch.</p>\n"));
        }
    }

    private static void Log(StringBuilder html, CandidateEvidence e, string key)
    {
        if (e.LogCut > 0)
        {
            html.Append(Inv($"<p class=\"cut\">The log's first {e.LogCut:N0} characters are left out; the whole log: <code>artifacts/candidates/{Text(key)}/log.txt</code>.</p>\n"));
        }

        html.Append("<pre class=\"log\">").Append(Text(e.LogTail)).Append("</pre>\n");
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Seconds(long ms) => (ms / 1000.0).ToString("F1", CultureInfo.InvariantCulture) + " s";

    private static string Duration(TimeSpan t) => t.TotalMinutes >= 1
        ? Inv($"{(int)t.TotalMinutes} min {t.Seconds} s")
        : Seconds((long)t.TotalMilliseconds);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // The browser normalizes line ends before hashing a <style>: so does this, or the hash would not match.
    private static readonly string Css = """
        :root { color-scheme: light dark; --good: #1a7f37; --bad: #cf222e; --muted: #6e7781; --line: #d0d7de80; }
        body { font: 15px/1.45 system-ui, sans-serif; max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
        code, pre { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
        header { border-left: 6px solid var(--bad); padding: .25rem 1rem; margin-bottom: 1.5rem; }
        header.good { border-color: var(--good); }
        h1 { margin: .25rem 0; }
        h2 small { font-weight: normal; color: var(--muted); font-size: 60%; }
        section { margin: 1.5rem 0; }
        dl { display: flex; flex-wrap: wrap; gap: .5rem 2rem; }
        dl div { display: flex; flex-direction: column-reverse; }
        dt { color: var(--muted); font-size: 85%; }
        dd { margin: 0; font-size: 130%; font-variant-numeric: tabular-nums; }
        pre { padding: .5rem .75rem; overflow-x: auto; border: 1px solid var(--line); border-radius: 4px; max-height: 32rem; }
        pre.diff span { display: block; min-height: 1.2em; }
        .add { background: #2da44e26; }
        .del { background: #cf222e26; }
        .hunk { color: #8250df; }
        .file { font-weight: bold; }
        .grid { display: grid; grid-template-columns: 3rem 9rem 6rem 4rem 9rem 4rem 12rem 4rem; gap: .75rem; padding: .2rem .5rem; align-items: center; font-variant-numeric: tabular-nums; }
        .grid.head { color: var(--muted); font-size: 85%; border-bottom: 1px solid var(--line); }
        details.candidate { border-bottom: 1px solid var(--line); }
        details.candidate > :not(summary) { margin-left: 3.5rem; }
        details.candidate > summary { cursor: pointer; list-style: none; }
        details.candidate > summary::-webkit-details-marker { display: none; }
        details.candidate > summary > :first-child::before { content: "\25B8  "; color: var(--muted); }
        details.candidate[open] > summary > :first-child::before { content: "\25BE  "; }
        details.candidate[open] > summary, details.candidate > summary:hover { background: #8c959f1f; }
        details.winner > summary { font-weight: 600; }
        details.rest > summary { cursor: pointer; padding: .4rem .5rem; color: var(--muted); }
        .pass { color: var(--good); }
        .fail { color: var(--bad); }
        .badge { background: var(--good); color: #fff; border-radius: 3px; padding: 0 .3rem; font-size: 75%; }
        meter { width: 7rem; height: .7rem; }
        .failure { font-family: ui-monospace, monospace; font-size: 13px; color: var(--bad); }
        .cut, footer { color: var(--muted); font-size: 85%; }
        .label { border-radius: 3px; padding: 0 .4rem; color: #fff; background: var(--bad); }
        .label.likely-correct { background: var(--good); }
        .label.plausible { background: #9a6700; }
        table { border-collapse: collapse; margin: .5rem 0; }
        caption { text-align: left; color: var(--muted); }
        td, th { border: 1px solid var(--line); padding: .2rem .5rem; text-align: left; vertical-align: top; }
        """.ReplaceLineEndings("\n");

    private static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css)))}'; base-uri 'none'; form-action 'none'";
}
