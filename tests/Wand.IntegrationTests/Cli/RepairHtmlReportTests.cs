using System.Text.Json.Nodes;
using Wand.Fixtures;

namespace Wand.Cli;

/// <summary>The report.html of a real `wand repair`, opened in headless Chromium: what a person sees.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class RepairHtmlReportTests : IAsyncLifetime, IDisposable
{
    // Candidate code is untrusted: this line must show as text and never run.
    private const string HostileComment = "# </pre><script>document.title = 'pwned'</script><img src=x onerror=\"document.title = 'pwned'\">";

    private readonly JobFolders _folders = new();
    private readonly DirectoryInfo _out = Directory.CreateTempSubdirectory("wand-html-out-");
    private ScriptedLlmServer _llm = null!;
    private HeadlessChromium _chromium = null!;

    public async Task InitializeAsync()
    {
        _llm = await ScriptedLlmServer.StartAsync();
        _chromium = await HeadlessChromium.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _llm.DisposeAsync();
    }

    public void Dispose()
    {
        _folders.Dispose();
        _out.Delete(recursive: true);
    }

    [Fact]
    public async Task Repair_PythonSample_ReportHtmlShowsStatusWinnerDiffAndPassCountsAndRunsNoScript()
    {
        var folder = _folders.CopyOfSample("python");
        var original = File.ReadAllText(Path.Combine(folder, "stats.py"));
        var fixedStats = original.Replace("ordered[mid] + ordered[mid + 1]", "ordered[mid - 1] + ordered[mid]", StringComparison.Ordinal) + HostileComment + "\n";
        var guess = "# a guess that changes nothing\n" + original;
        _llm.Enqueue(
            new ScriptedReply.Content($"The even case averaged the wrong pair.\n\n```stats.py\n{fixedStats}```"),
            new ScriptedReply.Content($"Maybe this.\n\n```stats.py\n{guess}```"));
        var llm = new Dictionary<string, string?>
        {
            ["OPENAI_BASE_URL"] = _llm.OpenAIBaseUrl.ToString(),
            ["OPENAI_MODEL"] = "scripted-model",
            ["OPENAI_API_KEY"] = "test-key",
        };

        var result = await WandProcess.RunAsync(llm, "repair", folder, "--out", _out.FullName, "--per-round", "2");

        Assert.True(result.ExitCode == 0, result.Output);
        var report = Path.Combine(_out.FullName, "report.html");
        Assert.Contains($"open the report: {report}", result.Stdout, StringComparison.Ordinal);
        var winnerKey = JsonNode.Parse(File.ReadAllText(Path.Combine(_out.FullName, "report.json")))!["outcome"]!["best"]!["key"]!.GetValue<string>()[..8];

        await _chromium.NavigateAsync(new Uri(report));

        var shown = await _chromium.TextAsync("document.body.innerText");
        Assert.Contains("Repaired", await _chromium.TextAsync("document.getElementById('status').innerText"), StringComparison.Ordinal);
        Assert.Contains($"Winner {winnerKey}", shown, StringComparison.Ordinal);
        Assert.Contains("+    return (ordered[mid - 1] + ordered[mid]) / 2", shown, StringComparison.Ordinal);
        Assert.Contains("+" + HostileComment, shown, StringComparison.Ordinal);
        Assert.Contains("3/4", await _chromium.TextAsync("document.getElementById('round-0').innerText"), StringComparison.Ordinal);
        var round1 = await _chromium.TextAsync("document.getElementById('round-1').innerText");
        Assert.Contains("4/4", round1, StringComparison.Ordinal);
        Assert.Contains("3/4", round1, StringComparison.Ordinal);
        Assert.True(round1.IndexOf("4/4", StringComparison.Ordinal) < round1.IndexOf("3/4", StringComparison.Ordinal), round1);
        Assert.Equal(3, (await _chromium.EvaluateAsync("document.querySelectorAll('details.candidate').length"))!.GetValue<int>());

        // A row opens to its log.
        var winnerRow = await _chromium.TextAsync("(() => { const d = document.querySelector('details.winner'); d.open = true; return d.innerText; })()");
        Assert.Contains("tests: 4, passed 4, failed 0", winnerRow, StringComparison.Ordinal);

        // Nothing from the candidate became markup, and the page's policy stops any script.
        Assert.StartsWith("Repair ", await _chromium.TextAsync("document.title"), StringComparison.Ordinal);
        Assert.Equal(0, (await _chromium.EvaluateAsync("document.querySelectorAll('script, img').length"))!.GetValue<int>());
        Assert.False((await _chromium.EvaluateAsync(
            "(() => { const s = document.createElement('script'); s.textContent = 'window.ran = true'; document.head.append(s); return window.ran === true; })()"))!.GetValue<bool>());
        // The policy does let its own style in: the status bar is drawn.
        Assert.Equal("6px", await _chromium.TextAsync("getComputedStyle(document.querySelector('header')).borderLeftWidth"));
    }
}
