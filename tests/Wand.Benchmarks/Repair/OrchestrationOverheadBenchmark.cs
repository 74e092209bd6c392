using System.Globalization;
using System.Text;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wand.Cli.Engine;
using Wand.Generation;
using Wand.Jobs;
using Wand.Repair;
using Wand.Sandbox;
using Wand.Sandbox.Reports;
using Wand.Storage;

namespace Wand.Benchmarks.Repair;

/// <summary>
/// What the Durable orchestration costs per candidate: one round of N candidates through the
/// repair pipeline on `wand`'s local engine, with an instant model and an instant sandbox,
/// against a plain loop calling the same activities with the same parallelism (the baseline).
/// Both write the same blobs to the same Azurite, so the difference is the orchestration: the
/// engine, its gRPC sidecar, history replay and payload serialization. The engine's stock
/// dispatchers are measured too, to show why `wand` widens them.
/// </summary>
public static class OrchestrationOverheadBenchmark
{
    public static async Task<string> RunAsync(int iterations, CancellationToken cancellationToken)
    {
        var azuritePath = AzuriteLocator.Find(null) ?? throw new InvalidOperationException("Azurite was not found: run eng/setup.sh");
        await using var azurite = await AzuriteProcess.StartAsync(azuritePath, cancellationToken: cancellationToken);
        var job = JobFolder.Load(Path.Combine(RepositoryRoot.Path, "samples", "python"));
        var text = new StringBuilder();
        var perCandidate = new List<string>();
        foreach (var engine in Engines)
        {
            using var host = await StartHostAsync(azurite.ConnectionString, engine, cancellationToken);
            foreach (var candidates in new[] { 1, 8, 32 })
            {
                // The stock dispatchers are slow enough that a few runs tell the story.
                var runs = engine.Wide ? iterations : Math.Max(2, iterations / 5);
                var settings = new RepairSettings
                {
                    CandidatesPerRound = candidates,
                    BaselineRuns = 1,
                    Budget = new RepairBudget(MaxRounds: 1, MaxCandidates: candidates),
                };
                var plain = await Measurement.TimeAsync("plain loop (baseline)", runs, () => PlainLoopAsync(host.Services, job, settings, cancellationToken));
                var pipeline = await Measurement.TimeAsync(engine.Name, runs, () => PipelineAsync(host.Services, job, settings, cancellationToken));
                text.Append(new RatioTable($"{candidates} candidate{(candidates == 1 ? "" : "s")}, {engine.Name}, {runs} runs each after one warm-up", [plain, pipeline]).Render());
                var overhead = (pipeline.P50 - plain.P50).TotalMilliseconds / candidates;
                perCandidate.Add(string.Create(CultureInfo.InvariantCulture, $"{engine.Name}, {candidates,2} candidates: {overhead,7:F1} ms of orchestration per candidate (p50 difference / candidates)"));
            }

            await host.StopAsync(cancellationToken);
        }

        return text.AppendLine().AppendLine(string.Join('\n', perCandidate)).ToString();
    }

    /// <summary>The engines measured: `wand serve`'s durable one, `wand repair`'s in-memory one, and the in-memory one as the SDK ships it.</summary>
    private static readonly EngineCase[] Engines =
    [
        new("durable engine (AzureStorage)", EngineBackend.AzureStorage, Wide: true),
        new("in-memory engine", EngineBackend.InMemory, Wide: true),
        new("in-memory, stock dispatchers", EngineBackend.InMemory, Wide: false),
    ];

    private sealed record EngineCase(string Name, EngineBackend Backend, bool Wide);

    private static Task<IHost> StartHostAsync(string connectionString, EngineCase engine, CancellationToken cancellationToken) =>
        EngineHosts.StartAsync(connectionString, engine.Backend, "overhead", builder =>
        {
            builder.Services.AddSingleton<IChatModel, InstantModel>();
            builder.Services.AddSingleton<ISandbox, InstantSandbox>();
        }, cancellationToken, engine.Wide);

    private static async Task PipelineAsync(IServiceProvider services, Job job, RepairSettings settings, CancellationToken cancellationToken)
    {
        var client = services.GetRequiredService<DurableTaskClient>();
        var id = await services.GetRequiredService<RepairJobs>().StartAsync(client, job, settings, cancellationToken);
        var state = await EngineHosts.UntilEndedAsync(client, id, TimeSpan.FromMilliseconds(20), cancellationToken);
        var outcome = state.ReadOutputAs<RepairOutcome>();
        if (outcome?.Spending.Candidates != settings.CandidatesPerRound)
        {
            throw new InvalidOperationException($"the pipeline ran {outcome?.Spending.Candidates} candidates, not {settings.CandidatesPerRound}: {state.FailureDetails?.ErrorMessage}");
        }
    }

    /// <summary>The same activities, called directly, in the same order and with the same parallelism as the orchestrator.</summary>
    private static async Task PlainLoopAsync(IServiceProvider services, Job job, RepairSettings settings, CancellationToken cancellationToken)
    {
        var jobId = RepairJobs.NewJobId(DateTime.UtcNow);
        await services.GetRequiredService<ArtifactStore>().PutJsonAsync(JobBlobNames.Job(jobId), StoredJob.From(job), cancellationToken);
        var baseline = await services.GetRequiredService<EvaluateBaselineActivity>().RunAsync(new BaselineRequest(jobId, settings.BaselineRuns), cancellationToken);
        var generate = services.GetRequiredService<GenerateCandidateActivity>();
        var generated = await Task.WhenAll(Enumerable.Range(0, settings.CandidatesPerRound).Select(i =>
            generate.RunAsync(new GenerationRequest(jobId, 1, i, baseline.Baseline.Key, []), cancellationToken)));
        var evaluate = services.GetRequiredService<EvaluateCandidateActivity>();
        var evaluated = await Task.WhenAll(generated.Select(g => evaluate.RunAsync(
            new EvaluationRequest(jobId, g.Key!, 1, g.ParentKey, g.Explanation, JobBlobNames.GenerationFiles(jobId, 1, g.Index, g.Key!)), cancellationToken)));
        var outcome = new RepairOutcome(jobId, RepairStatus.NotRepaired, "benchmark", baseline.Baseline, evaluated[0],
            new RepairSpending(1, evaluated.Length, 0, generated.Length, DateTime.UtcNow), generated.Length, 0, 0, []);
        await services.GetRequiredService<WriteReportActivity>().RunAsync(new ReportRequest(outcome, [baseline.Baseline, .. evaluated], generated), cancellationToken);
    }

    /// <summary>Answers at once, each time with a different edit, so no candidate is a duplicate.</summary>
    private sealed class InstantModel : IChatModel
    {
        private static readonly string Stats = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", "python", "stats.py"));
        private int _calls;

        public bool IsConfigured => true;

        public Task<LlmReply> CompleteAsync(RepairPrompt prompt, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _calls);
            return Task.FromResult(new LlmReply($"Attempt {n}.\n\n```stats.py\n{Stats}# attempt {n}\n```", 100, 50, TimeSpan.Zero));
        }
    }

    /// <summary>Answers at once: three of four tests pass, so no candidate ends the round early.</summary>
    private sealed class InstantSandbox : ISandbox
    {
        public Task<SandboxResult> RunAsync(Job job, CancellationToken cancellationToken) => Task.FromResult(new SandboxResult(
            ExitReason.Completed, 1,
            [.. Enumerable.Range(1, 4).Select(i => new TestCaseResult($"test_{i}", i == 4 ? TestOutcome.Failed : TestOutcome.Passed, i == 4 ? "assert 3.5 == 2.5" : null, TimeSpan.Zero))],
            new List<CompilerDiagnostic>(), "", "", new SandboxTimings(TimeSpan.Zero, TimeSpan.Zero)));

        public async Task<IReadOnlyList<SandboxResult>> RunVariantsAsync(SandboxVariants batch, CancellationToken cancellationToken) =>
            await Task.WhenAll(batch.Variants.Select((_, i) => RunAsync(batch.JobOf(i), cancellationToken)));
    }
}
