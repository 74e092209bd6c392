using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Wand.Fixtures;
using Wand.Jobs;
using Wand.Repair;

namespace Wand.Telemetry;

/// <summary>
/// The traces and metrics a repair emits, read through OpenTelemetry's in-memory exporter: a span
/// per activity run tagged with the job, the sandbox runs and LLM calls under them, and the
/// repair, candidate, sandbox and token metrics. Other tests run at once in this process, so the
/// spans are those of this job's traces, and the LLM's metrics those of a model name of its own.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class WandTelemetryTests(AzuriteFixture azurite) : IDisposable
{
    private const string BuggyLine = "    return (ordered[mid] + ordered[mid + 1]) / 2";
    private const string FixedLine = "    return (ordered[mid - 1] + ordered[mid]) / 2";
    private const string WrongLine = "    return (ordered[mid] + ordered[mid]) / 2";

    private readonly JobFolders _folders = new();

    [Fact]
    public async Task ARepair_IsTracedActivityByActivity_WithItsSandboxRunsAndLlmCalls_AndCounted()
    {
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(WandTelemetry.Name).AddInMemoryExporter(spans).Build();
        using var metering = Sdk.CreateMeterProviderBuilder().AddMeter(WandTelemetry.Name).AddInMemoryExporter(metrics).Build();
        var model = $"telemetry-{Guid.NewGuid():N}";
        await using var llm = await ScriptedLlmServer.StartAsync();
        await using var host = await RepairHost.StartAsync(azurite.ConnectionString, llm.OpenAIBaseUrl, new Dictionary<string, string?> { ["Wand:Llm:Model"] = model });
        llm.Enqueue(Reply(WrongLine, model), Reply(FixedLine, model));

        var outcome = await host.RepairAsync(JobFolder.Load(_folders.CopyOfSample("python")), new RepairSettings { CandidatesPerRound = 2, ParentsKept = 1, Generator = RepairGenerator.Llm });
        tracing.ForceFlush();
        metering.ForceFlush();

        Assert.Equal(RepairStatus.Repaired, outcome.Status);
        var tasks = spans.Where(s => s.GetTagItem("wand.instance.id") as string == outcome.JobId).ToList();
        Assert.Equal(
            ["EvaluateBaseline", "EvaluateCandidate", "ExamineBehaviour", "GenerateCandidate", "WriteReport"],
            tasks.Select(s => (string)s.GetTagItem("wand.task")!).Distinct().Order(StringComparer.Ordinal));
        var children = spans.Where(s => tasks.Any(t => t.SpanId == s.ParentSpanId)).ToList();
        // The two candidates (their own files: none comes from the evaluation cache), the
        // winner's confirmation and the behaviour probe's at least; the baseline's runs may be cached by another test.
        var runs = children.Where(s => s.OperationName == "wand.sandbox.run").ToList();
        Assert.True(runs.Count >= 4, $"{runs.Count} sandbox runs");
        Assert.All(runs, r => Assert.Equal("python", r.GetTagItem("wand.language")));
        string TaskOf(Activity run) => (string)tasks.Single(t => t.SpanId == run.ParentSpanId).GetTagItem("wand.task")!;
        Assert.Contains(runs, r => TaskOf(r) == "ExamineBehaviour");
        var candidates = runs.Where(r => TaskOf(r) == "EvaluateCandidate").ToList();
        Assert.All(candidates, r => Assert.Equal("completed", r.GetTagItem("wand.sandbox.outcome")));
        // The fix and its confirmation pass; the wrong candidate fails.
        Assert.Equal(2, candidates.Count(r => (int)r.GetTagItem("wand.tests.failed")! == 0));
        Assert.Single(candidates, r => (int)r.GetTagItem("wand.tests.failed")! > 0);
        var calls = children.Where(s => s.OperationName == $"chat {model}").ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(outcome.Spending.Tokens, calls.Sum(c => (long)c.GetTagItem("gen_ai.usage.input_tokens")! + (long)c.GetTagItem("gen_ai.usage.output_tokens")!));
        Assert.Equal("repaired", tasks.Single(t => (string)t.GetTagItem("wand.task")! == "WriteReport").GetTagItem("wand.repair.status"));

        Assert.Equal(outcome.Spending.Tokens, Points(metrics, "gen_ai.client.token.usage").Where(p => Tag(p, "gen_ai.request.model") == model).Sum(p => p.GetHistogramSum()));
        Assert.Equal(2, Points(metrics, "gen_ai.client.operation.duration").Where(p => Tag(p, "gen_ai.request.model") == model).Sum(p => p.GetHistogramCount()));
        // Other tests' repairs may be counted too: at least this one's.
        Assert.True(Points(metrics, "wand.repairs").Where(p => Tag(p, "wand.repair.status") == "repaired" && Tag(p, "wand.repair.generator") == "llm").Sum(p => p.GetSumLong()) >= 1);
        Assert.True(Points(metrics, "wand.candidates").Where(p => Tag(p, "wand.candidate.source") == "generated").Sum(p => p.GetSumLong()) >= 2);
        Assert.True(Points(metrics, "wand.candidates").Where(p => Tag(p, "wand.candidate.source") == "confirmation" && Tag(p, "wand.candidate.outcome") == "all pass").Sum(p => p.GetSumLong()) >= 1);
        Assert.True(Points(metrics, "wand.sandbox.duration").Where(p => Tag(p, "wand.language") == "python").Sum(p => p.GetHistogramCount()) >= 5);
    }

    public void Dispose() => _folders.Dispose();

    /// <summary>The metric's points in the last export (each export holds every point so far).</summary>
    private static List<MetricPoint> Points(List<MetricSnapshot> metrics, string name)
    {
        var points = new List<MetricPoint>();
        foreach (var point in metrics.Last(m => m.Name == name).MetricPoints)
        {
            points.Add(point);
        }

        return points;
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value as string;
            }
        }

        return null;
    }

    private static ScriptedReply.Content Reply(string evenLine, string tag) => new(
        $"The even case averages the wrong pair.\n\n```stats.py\n{File.ReadAllText(RepositoryPaths.Samples("python") + "/stats.py").Replace(BuggyLine, evenLine, StringComparison.Ordinal)}# {tag}\n```");
}
