using Microsoft.AspNetCore.Builder;
using Wand.Fixtures;

namespace Wand.Cli;

/// <summary>`wand repair` as a process: its own Azurite and engine, the scripted LLM as its endpoint.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class RepairCommandTests : IAsyncLifetime, IDisposable
{
    private readonly JobFolders _folders = new();
    private readonly DirectoryInfo _out = Directory.CreateTempSubdirectory("wand-repair-out-");
    private ScriptedLlmServer _llm = null!;

    public async Task InitializeAsync() => _llm = await ScriptedLlmServer.StartAsync();

    public async Task DisposeAsync() => await _llm.DisposeAsync();

    public void Dispose()
    {
        _folders.Dispose();
        _out.Delete(recursive: true);
    }

    private Dictionary<string, string?> Llm => new()
    {
        ["OPENAI_BASE_URL"] = _llm.OpenAIBaseUrl.ToString(),
        ["OPENAI_MODEL"] = "scripted-model",
        ["OPENAI_API_KEY"] = "test-key",
    };

    [Fact]
    public async Task Repair_PythonSample_ShowsProgressWritesTheFixAndExitsZero()
    {
        var folder = _folders.CopyOfSample("python");
        var stats = File.ReadAllText(Path.Combine(folder, "stats.py")).Replace("ordered[mid] + ordered[mid + 1]", "ordered[mid - 1] + ordered[mid]", StringComparison.Ordinal);
        _llm.Enqueue(new ScriptedReply.Content($"The even case averaged the wrong pair.\n\n```stats.py\n{stats}```"));

        var result = await WandProcess.RunAsync(Llm, "repair", folder, "--out", _out.FullName, "--per-round", "1");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("running the tests as they are", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("round 1:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("repaired:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("+    return (ordered[mid - 1] + ordered[mid]) / 2", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(stats, File.ReadAllText(Path.Combine(_out.FullName, "best", "stats.py")));
        Assert.False(File.Exists(Path.Combine(_out.FullName, "best", "test_stats.py")));
        Assert.Contains("ordered[mid - 1]", File.ReadAllText(Path.Combine(_out.FullName, "best.diff")), StringComparison.Ordinal);
        Assert.Contains("# Repair ", File.ReadAllText(Path.Combine(_out.FullName, "report.md")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_out.FullName, "report.json")));
        Assert.True(File.Exists(Path.Combine(_out.FullName, "artifacts", "job.json")));
        Assert.True(File.Exists(Path.Combine(_out.FullName, "artifacts", "generations", "r1-0.prompt.md")));
    }

    private static readonly string[] OtlpSignals = ["/v1/traces", "/v1/metrics"];

    [Fact]
    public async Task Repair_WithAnOtlpEndpoint_SendsItsTracesAndMetricsThere()
    {
        // A collector on loopback that takes OTLP over HTTP as the exporter sends it: protobuf
        // bodies posted to /v1/traces and /v1/metrics, answered with an empty export response.
        var received = new System.Collections.Concurrent.ConcurrentQueue<(string Path, string? Type, byte[] Body)>();
        var (collector, root) = await LoopbackKestrel.StartAsync(app =>
        {
            foreach (var signal in OtlpSignals)
            {
                app.MapPost(signal, async (Microsoft.AspNetCore.Http.HttpRequest request) =>
                {
                    using var body = new MemoryStream();
                    await request.Body.CopyToAsync(body);
                    received.Enqueue((signal, request.ContentType, body.ToArray()));
                    return Microsoft.AspNetCore.Http.Results.Bytes([], "application/x-protobuf");
                });
            }
        });
        try
        {
            var folder = _folders.CopyOfSample("python");
            var stats = File.ReadAllText(Path.Combine(folder, "stats.py")).Replace("ordered[mid] + ordered[mid + 1]", "ordered[mid - 1] + ordered[mid]", StringComparison.Ordinal);
            _llm.Enqueue(new ScriptedReply.Content($"The even case averaged the wrong pair.\n\n```stats.py\n{stats}```"));

            var result = await WandProcess.RunAsync(new Dictionary<string, string?>(Llm) { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = root.ToString() },
                "repair", folder, "--out", _out.FullName, "--per-round", "1");

            Assert.True(result.ExitCode == 0, result.Output);
            Assert.All(received, r => Assert.Equal("application/x-protobuf", r.Type));
            var traces = System.Text.Encoding.UTF8.GetString([.. received.Where(r => r.Path == "/v1/traces").SelectMany(r => r.Body)]);
            var metrics = System.Text.Encoding.UTF8.GetString([.. received.Where(r => r.Path == "/v1/metrics").SelectMany(r => r.Body)]);
            foreach (var span in new[] { "wand.task EvaluateBaseline", "wand.task GenerateCandidate", "wand.task WriteReport", "wand.sandbox.run", "chat scripted-model", "service.name" })
            {
                Assert.True(traces.Contains(span, StringComparison.Ordinal), $"no '{span}' in the {traces.Length} characters of traces");
            }

            foreach (var metric in new[] { "wand.repairs", "wand.candidates", "wand.sandbox.duration", "gen_ai.client.token.usage" })
            {
                Assert.True(metrics.Contains(metric, StringComparison.Ordinal), $"no '{metric}' in the {metrics.Length} characters of metrics");
            }
        }
        finally
        {
            await LoopbackKestrel.StopAsync(collector);
        }
    }

    [Fact]
    public async Task Repair_WithAnOtlpEndpointThatIsNotHttp_IsRefusedNamingIt()
    {
        var result = await WandProcess.RunAsync(new Dictionary<string, string?> { ["Wand__Telemetry__OtlpEndpoint"] = "ftp://127.0.0.1:4318" },
            "repair", _folders.CopyOfSample("python"), "--out", _out.FullName);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Wand:Telemetry is invalid: OtlpEndpoint 'ftp://127.0.0.1:4318/' is not an http(s) address", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repair_Json_PrintsTheOutcomeOnStdoutAndExitsOneWhenNothingPasses()
    {
        var folder = _folders.CopyOfSample("python");
        _llm.Enqueue(new ScriptedReply.Content("No idea."));

        var result = await WandProcess.RunAsync(Llm, "repair", folder, "--json", "--out", _out.FullName, "--rounds", "1", "--per-round", "1");

        Assert.True(result.ExitCode == 1, result.Output);
        var outcome = System.Text.Json.Nodes.JsonNode.Parse(result.Stdout)!;
        Assert.Equal("notRepaired", outcome["status"]!.ToString());
        Assert.Equal(1, (int)outcome["unusable"]!);
        Assert.Contains("running the tests as they are", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repair_BudgetFlagsAboveTheConfiguredBudget_AreCappedToIt_AndSaidSoBeforeItRunsAndInTheOutcome()
    {
        var bug = BugCorpus.Named("py-running-max");
        var folder = _folders.CopyOfSample($"bugs/{bug.Name}", new Dictionary<string, string> { [bug.File] = bug.WithFix(File.ReadAllText(Path.Combine(bug.Folder, bug.File))) });

        var result = await WandProcess.RunAsync(Llm, "repair", folder, "--json", "--out", _out.FullName, "--rounds", "99", "--max-minutes", "9223372036854775807");

        Assert.True(result.ExitCode == 0, result.Output);
        string[] notes = ["--rounds 99 capped to the configured 4", "--max-minutes 9223372036854775807 capped to the configured 15"];
        Assert.All(notes, note => Assert.Contains($"  note: {note}", result.Stderr, StringComparison.Ordinal));
        var outcome = System.Text.Json.Nodes.JsonNode.Parse(result.Stdout)!;
        Assert.Equal(notes, outcome["notes"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains($"- Note: {notes[1]}.", File.ReadAllText(Path.Combine(_out.FullName, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repair_OfAProgramWithWeakTests_IsPlausible_AndJsonListsTheInputsThePassingFixesDisagreeOn()
    {
        var result = await WandProcess.RunAsync(new Dictionary<string, string?>(), "repair", "samples/bugs/py-can-vote", "--json", "--out", _out.FullName);

        Assert.True(result.ExitCode == 0, result.Output);
        var outcome = System.Text.Json.Nodes.JsonNode.Parse(result.Stdout)!;
        Assert.Equal("plausible", outcome["confidence"]!.GetValue<string>());
        var behaviour = outcome["behaviour"]!;
        Assert.Equal("plausible", behaviour["confidence"]!.GetValue<string>());
        var disagreement = behaviour["disagreements"]![0]!;
        Assert.StartsWith("can_vote(", disagreement["call"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, disagreement["answers"]!.AsArray().Select(a => a!["answer"]!.GetValue<string>()).Distinct().Count());
        Assert.Contains("return age >= 18", File.ReadAllText(Path.Combine(_out.FullName, "best", "voting.py")), StringComparison.Ordinal);
        Assert.Contains("## How sure: plausible", File.ReadAllText(Path.Combine(_out.FullName, "report.md")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_out.FullName, "artifacts", "behaviour.json")));
    }

    [Fact]
    public async Task Repair_LlmGeneratorWithoutAnEndpoint_IsBadInputExitTwo()
    {
        var result = await WandProcess.RunAsync(new Dictionary<string, string?>(), "repair", "samples/python", "--generator", "llm");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the llm generator needs an LLM endpoint: set OPENAI_BASE_URL", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repair_NoLlmConfigured_RepairsOfflineWithTheSearch()
    {
        var result = await WandProcess.RunAsync(new Dictionary<string, string?>(), "repair", "samples/bugs/py-running-max", "--out", _out.FullName);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("(python, search generator)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("repaired:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("+        if best is None or v > best:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 LLM calls", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("v > best", File.ReadAllText(Path.Combine(_out.FullName, "best", "maxes.py")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repair_OutIsAFile_IsBadInputBeforeAnyWork()
    {
        var file = Path.Combine(_out.FullName, "taken");
        File.WriteAllText(file, "");

        var result = await WandProcess.RunAsync(Llm, "repair", "samples/python", "--out", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a file; it must be a folder", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_llm.Requests);
    }

    [Theory]
    [InlineData("samples/no-such-sample", "job folder 'samples/no-such-sample' does not exist")]
    [InlineData("samples/python --rounds 0", "--rounds needs a positive whole number (got '0')")]
    [InlineData("samples/python --per-round 0", "--per-round needs a positive whole number (got '0')")]
    [InlineData("samples/python --rounds", "Required argument missing for option: '--rounds'")]
    [InlineData("samples/python --generator magic", "the generator must be search, llm or hybrid (got 'magic')")]
    [InlineData("samples/python --max-search 0", "--max-search needs a positive whole number (got '0')")]
    public async Task Repair_BadInput_NamesTheProblemAndExitsTwo(string arguments, string message)
    {
        var result = await WandProcess.RunAsync(Llm, ["repair", .. arguments.Split(' ')]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_llm.Requests);
    }

    [Fact]
    public async Task Repair_OriginalCodeRunsNoTest_StopsBeforeAnyCandidateSayingHowToPointAtTheTests()
    {
        var folder = _folders.Of(new Dictionary<string, string>
        {
            ["calc.py"] = "def add(a, b):\n    return a - b\n",
            ["check_calc.py"] = "from calc import add\n\ndef check_add():\n    assert add(1, 2) == 3\n",
        });

        var result = await WandProcess.RunAsync(new Dictionary<string, string?>(), "repair", folder, "--generator", "search", "--json", "--out", _out.FullName);

        Assert.Equal(1, result.ExitCode);
        using var outcome = System.Text.Json.JsonDocument.Parse(result.Stdout);
        Assert.Equal("noTests", outcome.RootElement.GetProperty("status").GetString());
        Assert.StartsWith("no test ran: pytest runs files named test_*.py", outcome.RootElement.GetProperty("stopReason").GetString(), StringComparison.Ordinal);
        var spent = outcome.RootElement.GetProperty("spending");
        Assert.Equal((0, 0, 0), (spent.GetProperty("rounds").GetInt32(), spent.GetProperty("candidates").GetInt32(), spent.GetProperty("searchRuns").GetInt32()));
    }

    [Fact]
    public async Task Repair_SetupThatFails_IsSetupFailedWithTheLogAndNoCandidate()
    {
        var folder = _folders.Of(new Dictionary<string, string>
        {
            [".wand.yml"] = "setup:\n  - echo resolving the lockfile\n  - \"echo 'E404 no such package' >&2; exit 1\"\n",
            ["calc.py"] = "def add(a, b):\n    return a - b\n",
            ["test_calc.py"] = "from calc import add\n\ndef test_add():\n    assert add(1, 2) == 3\n",
        });

        var result = await WandProcess.RunAsync(new Dictionary<string, string?>(), "repair", folder, "--generator", "search", "--json", "--out", _out.FullName);

        Assert.Equal(1, result.ExitCode);
        using var outcome = System.Text.Json.JsonDocument.Parse(result.Stdout);
        Assert.Equal("setupFailed", outcome.RootElement.GetProperty("status").GetString());
        Assert.Contains("setup[1] failed with exit status 1", outcome.RootElement.GetProperty("stopReason").GetString(), StringComparison.Ordinal);
        var spent = outcome.RootElement.GetProperty("spending");
        Assert.Equal((0, 0), (spent.GetProperty("rounds").GetInt32(), spent.GetProperty("searchRuns").GetInt32()));
        var report = await File.ReadAllTextAsync(Path.Combine(_out.FullName, "report.md"));
        Assert.Contains("the environment's setup failed", report, StringComparison.Ordinal);
        Assert.Contains("E404 no such package", report, StringComparison.Ordinal);
    }
}
