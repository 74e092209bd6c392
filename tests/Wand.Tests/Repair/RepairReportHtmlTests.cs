using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Wand.Sandbox;

namespace Wand.Repair;

public sealed class RepairReportHtmlTests
{
    private const string HostileDiff = "--- a/stats.py\n+++ b/stats.py\n@@ -1 +1 @@\n-x = 1\n+x = '</pre><script>alert(1)</script>'\n";
    private const string HostileLog = "reason: Completed\n--- stdout\n</pre><img src=x onerror=alert(2)><SCRIPT src=//evil.example/x.js></SCRIPT>\n";

    private static readonly CandidateSummary Baseline = Candidate("0000baseline", round: 0, passed: 3);

    [Fact]
    public void Render_HostileDiffLogAndExplanation_AreShownAsTextNotMarkup()
    {
        var winner = Candidate("aaaa1111", round: 1, passed: 4, explanation: "\"><script>alert(3)</script>");
        var evidence = new Dictionary<string, CandidateEvidence> { [winner.Key] = CandidateEvidence.Of(HostileDiff, HostileLog) };

        var html = Render(winner, [Baseline, winner], evidence);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("+x = &#39;&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#39;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;script&gt;alert(3)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Always_HasAStrictContentSecurityPolicyThatAllowsOnlyItsOwnStyle()
    {
        var html = Render(null, [Baseline], new Dictionary<string, CandidateEvidence>());

        var policy = Regex.Match(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">").Groups[1].Value;
        var style = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        Assert.StartsWith("default-src 'none'; ", policy, StringComparison.Ordinal);
        Assert.Contains($"style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)))}'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html.Replace("http-equiv", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ThreeHundredCandidatesInARound_EmbedsDiffAndLogOfTheBest25AndListsTheRest()
    {
        var round = Enumerable.Range(0, 300).Select(i => Candidate($"k{i:D4}", round: 1, passed: i % 4, changedLines: i)).ToList();
        var best = round.OrderBy(c => c.Score).First();
        var candidates = new List<CandidateSummary> { Baseline };
        candidates.AddRange(round);
        var evidence = RepairReportHtml.Embedded(candidates).ToDictionary(c => c.Key, c => CandidateEvidence.Of($"+line of {c.Key}\n", $"log of {c.Key}"));

        var html = Render(best, candidates, evidence);

        Assert.Equal(1 + RepairReportHtml.EmbeddedPerRound, evidence.Count);
        Assert.Equal(1 + RepairReportHtml.EmbeddedPerRound, Count(html, "<details class=\"candidate"));
        Assert.Equal(1 + RepairReportHtml.EmbeddedPerRound, Count(html, "<pre class=\"log\">"));
        Assert.Contains("275 more candidates (no diff or log here)", html, StringComparison.Ordinal);
        Assert.Contains("<code>k0299</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_CandidatesInAnyOrder_ShowsTheWinnerFirstAtTheTopAndInItsRound()
    {
        var worse = Candidate("bbbb2222", round: 1, passed: 2);
        var winner = Candidate("aaaa1111", round: 1, passed: 4, changedLines: 2);
        var biggerFix = Candidate("cccc3333", round: 1, passed: 4, changedLines: 9);
        var evidence = new Dictionary<string, CandidateEvidence> { [winner.Key] = CandidateEvidence.Of("+fixed line\n", "4 passed") };

        var html = Render(winner, [Baseline, worse, biggerFix, winner], evidence);

        var winnerSection = html.IndexOf("<section id=\"winner\">", StringComparison.Ordinal);
        Assert.True(winnerSection > 0 && winnerSection < html.IndexOf("<section id=\"spending\">", StringComparison.Ordinal));
        Assert.Contains("<span class=\"add\">+fixed line</span>", html[winnerSection..html.IndexOf("</section>", winnerSection, StringComparison.Ordinal)], StringComparison.Ordinal);
        var round1 = html[html.IndexOf("id=\"round-1\"", StringComparison.Ordinal)..];
        var order = new[] { winner, biggerFix, worse }.Select(c => round1.IndexOf($"<code>{c.ShortKey}</code>", StringComparison.Ordinal)).ToList();
        Assert.Equal(order.Order(), order);
        Assert.Contains("<details class=\"candidate winner\" id=\"c-aaaa1111\">", round1, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ACandidate_ShowsItsPassCountReasonAndTime()
    {
        var timedOut = Candidate("dddd4444", round: 1, passed: 1, reason: ExitReason.Timeout, durationMs: 10_000);

        var html = Render(timedOut, [Baseline, timedOut], new Dictionary<string, CandidateEvidence>());

        Assert.Contains("<span class=\"fail\">1/4</span><span class=\"fail\">timed out</span>", html, StringComparison.Ordinal);
        Assert.Contains("<meter min=\"0\" max=\"10000\" value=\"10000\"></meter> 10.0 s", html, StringComparison.Ordinal);
        Assert.Contains("<h1 id=\"status\">Not repaired</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_ALongLogAndDiff_KeepsTheLogsEndAndTheDiffsStart()
    {
        var log = new string('a', 10_000) + "the failure at the end";
        var diff = "+the first change\n" + new string('b', 20_000);

        var evidence = CandidateEvidence.Of(diff, log);

        Assert.Equal(CandidateEvidence.MaxLogChars, evidence.LogTail.Length);
        Assert.EndsWith("the failure at the end", evidence.LogTail, StringComparison.Ordinal);
        Assert.Equal(log.Length - CandidateEvidence.MaxLogChars, evidence.LogCut);
        Assert.StartsWith("+the first change", evidence.Diff, StringComparison.Ordinal);
        Assert.Equal(CandidateEvidence.MaxDiffChars, evidence.Diff.Length);
    }

    [Fact]
    public void Render_HowSure_ShowsTheLabelAndTheDisagreements_AndAHostileAnswerAsText()
    {
        var winner = Candidate("aaaa1111", round: 1, passed: 4);
        var behaviour = new Behaviour.BehaviourEvidence(
            Behaviour.Confidence.Plausible, ["2 passing candidates behave 2 ways on 9 inputs; this fix is in a group of 1"], winner.Key, 2, 3, 9,
            [new Behaviour.BehaviourGroup([winner.Key]), new Behaviour.BehaviourGroup(["bbbb2222"])],
            [new Behaviour.Disagreement("f(<b>)", "returns 1", [new Behaviour.GroupAnswer([winner.Key], "returns 2"), new Behaviour.GroupAnswer(["bbbb2222"], "returns '<script>alert(1)</script>'")])],
            "def test_f_where_fixes_disagree():\n    assert f('<b>') == 2\n");

        var html = Render(winner, [Baseline, winner], [], behaviour);

        Assert.Contains("<h2>How sure: <span class=\"label plausible\">plausible</span></h2>", html, StringComparison.Ordinal);
        Assert.Contains("<th>the offered fix</th><th>candidate bbbb2222</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>returns &#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39;</td>", html, StringComparison.Ordinal);
        Assert.Contains("<code>f(&lt;b&gt;)</code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    private static string Render(CandidateSummary? best, List<CandidateSummary> candidates, Dictionary<string, CandidateEvidence> evidence, Behaviour.BehaviourEvidence? behaviour = null)
    {
        var status = best is { AllPassed: true } ? RepairStatus.Repaired : RepairStatus.NotRepaired;
        var outcome = new RepairOutcome("job-1", status, "a candidate passed every test twice", Baseline, best,
            new RepairSpending(1, candidates.Count - 1, 1234, 2, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc)), candidates.Count - 1, 0, 0, [], Behaviour: behaviour);
        return RepairReportHtml.Render(outcome, candidates, [], evidence, TimeSpan.FromSeconds(42));
    }

    private static CandidateSummary Candidate(
        string key, int round, int passed, int changedLines = 1, ExitReason reason = ExitReason.Completed, long durationMs = 1000, string? explanation = null) =>
        new(key, round, round == 0 ? null : Baseline.Key, reason, passed == 4 && reason == ExitReason.Completed, passed, 4 - passed, 4,
            changedLines, durationMs, Cached: false, explanation, passed == 4 ? null : "test_median failed: assert 3.0 == 2.5");

    private static int Count(string text, string part) => Regex.Count(text, Regex.Escape(part));
}
