using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Wand.Batch;
using Wand.Cli.Serve;
using Wand.Storage;

namespace Wand.Benchmarks.Load;

/// <summary>
/// Load and faults: <c>wand serve</c> (in this process, on 127.0.0.1, on its durable engine)
/// takes N jobs over HTTP while its Azurite is restarted once, then N jobs through its queue (two
/// JSONL batches, one message sent twice) while the Docker daemon is restarted once; then a
/// <c>wand serve</c> process takes N jobs over HTTP and is killed with SIGKILL halfway through,
/// and the next one on the same storage finishes them. Every accepted job must reach an end
/// and have its report. Nine jobs in ten already pass (two sandbox runs each); every tenth is a
/// real offline repair. Each job carries its own marker, so no two share a cached result. The
/// baseline is one such job alone, measured in the same run.
/// </summary>
public static class LoadBenchmark
{
    private static readonly string[] Passing = ["py-clamp", "py-leap-year", "py-power-of-two", "py-chunks", "py-binary-search", "py-word-count", "py-running-max"];
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(30);

    private sealed record Phase(string WayIn, string Fault, int Sent, int Accepted, int Retried, IReadOnlyList<JobEnd> Ends, TimeSpan Wall);

    private sealed record JobEnd(string Id, string Status, string? Outcome, bool HasReport, string? Failure);

    public static async Task<string> RunAsync(int jobs, bool restartAzurite, bool restartDocker, bool killServe, CancellationToken cancellationToken)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("wand-load-azurite-");
        var azurite = await AzuriteProcess.StartAsync(AzuriteLocator.Find(null) ?? throw new InvalidOperationException("Azurite was not found: run eng/setup.sh"), dataDirectory.FullName, cancellationToken: cancellationToken);
        var run = Guid.NewGuid().ToString("N")[..6];
        try
        {
            await using var host = await ServeHost.StartAsync("http://127.0.0.1:0", null, new Dictionary<string, string?>
            {
                ["Wand:Storage:ConnectionString"] = azurite.ConnectionString,
                ["Wand:Batch:PollSeconds"] = "0.5",
                ["Wand:Batch:Parallelism"] = "16",
            }, cancellationToken);
            using var http = new HttpClient { BaseAddress = new Uri(host.Addresses[0]), Timeout = TimeSpan.FromSeconds(60) };

            // The baseline: the first ten jobs of the same mix, one at a time.
            var sequential = Stopwatch.StartNew();
            for (var i = 1; i <= 10; i++)
            {
                var id = (await SubmitAsync(http, Job(run, "alone", i), cancellationToken)).Id!;
                await WaitForEndsAsync(http, [id], cancellationToken);
            }

            var alone = sequential.Elapsed / 10;

            var acrossAKill = await AcrossAKilledServeAsync(azurite, run, jobs, killServe, cancellationToken);
            if (killServe && !restartAzurite && !restartDocker)
            {
                return Render(alone, acrossAKill);
            }

            var viaHttp = await OverHttpAsync(http, azurite, run, jobs, restartAzurite, cancellationToken);
            var viaQueue = await ThroughQueueAsync(http, host, azurite, run, jobs, restartDocker, cancellationToken);
            return Render(alone, viaHttp, viaQueue, acrossAKill);
        }
        finally
        {
            await azurite.DisposeAsync();
            dataDirectory.Delete(recursive: true);
        }
    }

    /// <summary>Job <paramref name="index"/> (from 1): every tenth is a repair, the others already pass.</summary>
    private static JsonObject Job(string run, string phase, int index) => index % 10 == 0
        ? JobSubmissions.Of("py-running-max", marker: $"load {run} {phase} {index}")
        : JobSubmissions.Of(Passing[index % Passing.Length], fixedAlready: true, marker: $"load {run} {phase} {index}");

    private static async Task<Phase> OverHttpAsync(HttpClient http, AzuriteProcess azurite, string run, int jobs, bool restart, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var accepted = new List<string>();
        var retried = 0;
        Task? fault = null;
        // Five submissions a second, so that some arrive while storage is away.
        await Task.WhenAll(Enumerable.Range(1, jobs).Select(async i =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200 * (i - 1)), cancellationToken);
            var (id, tries) = await SubmitAsync(http, Job(run, "http", i), cancellationToken);
            lock (accepted)
            {
                retried += tries > 1 ? 1 : 0;
                if (id is not null)
                {
                    accepted.Add(id);
                }

                // Halfway through the submissions, Azurite stops and starts again.
                if (restart && fault is null && accepted.Count >= jobs / 2)
                {
                    fault = RestartAzuriteAsync(azurite, accepted.Count, cancellationToken);
                }
            }
        }));
        if (fault is not null)
        {
            await fault;
        }

        var ends = await WaitForEndsAsync(http, accepted, cancellationToken);
        return new Phase("HTTP", restart ? "Azurite restarted" : "none", jobs, accepted.Count, retried, ends, clock.Elapsed);
    }

    private static async Task<Phase> ThroughQueueAsync(HttpClient http, ServeHost host, AzuriteProcess azurite, string run, int jobs, bool restart, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var store = host.Services.GetRequiredService<ArtifactStore>();
        var queue = new QueueClient(azurite.ConnectionString, BatchSettings.Queue);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var halves = new[] { (Id: $"load-{run}-a", From: 1, Count: jobs / 2), (Id: $"load-{run}-b", From: (jobs / 2) + 1, Count: jobs - (jobs / 2)) };
        foreach (var half in halves)
        {
            var lines = Enumerable.Range(half.From, half.Count).Select(i => Job(run, "queue", i).ToJsonString());
            await store.PutTextAsync($"batches/{half.Id}.jsonl", string.Join('\n', lines) + "\n", "application/x-ndjson", cancellationToken);
            await queue.SendMessageAsync(JsonSerializer.Serialize(new { id = half.Id, blob = $"batches/{half.Id}.jsonl" }), cancellationToken);
        }

        // Queues deliver at least once: the first batch arrives twice.
        await queue.SendMessageAsync(JsonSerializer.Serialize(new { id = halves[0].Id, blob = $"batches/{halves[0].Id}.jsonl" }), cancellationToken);

        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var restarted = !restart;
        var deadline = DateTime.UtcNow + Patience;
        var summaries = new Dictionary<string, BatchSummary>();
        while (summaries.Count < halves.Length && DateTime.UtcNow < deadline)
        {
            var done = 0;
            foreach (var half in halves)
            {
                var state = await client.GetInstanceAsync(BatchOrchestrator.InstanceId(half.Id), getInputsAndOutputs: true, cancellationToken);
                if (state?.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
                {
                    summaries[half.Id] = state.ReadOutputAs<BatchSummary>()!;
                }

                // The storage engine may hold a status of "null" before the first is set.
                done += state?.SerializedCustomStatus is null ? 0 : state.ReadCustomStatusAs<BatchProgress>()?.Done ?? 0;
            }

            // A quarter of the way through, the Docker daemon stops (killing every sandbox) and starts again.
            if (!restarted && done >= jobs / 4)
            {
                var down = Stopwatch.StartNew();
                await RestartDockerAsync(cancellationToken);
                Console.Error.WriteLine($"load: the Docker daemon restarted after {done} jobs ended; it was away {down.Elapsed.TotalSeconds:F1} s");
                restarted = true;
            }

            await Task.Delay(1000, cancellationToken);
        }

        var ids = halves.SelectMany(h => Enumerable.Range(h.From, h.Count).Select(i => BatchBlobNames.JobId(h.Id, i - h.From + 1))).ToList();
        var ends = await WaitForEndsAsync(http, ids, cancellationToken);
        var duplicates = (await client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = BatchOrchestrator.InstanceId($"load-{run}") }).ToListAsync(cancellationToken))
            .Count(i => !i.InstanceId.Contains('.', StringComparison.Ordinal));
        Console.Error.WriteLine($"load: {duplicates} batch orchestrations for 2 batches and 3 messages; summaries: {string.Join("; ", summaries.Values)}");
        return new Phase("queue", restart ? "Docker daemon restarted" : "none", jobs, summaries.Values.Sum(s => s.Jobs - s.Rejected), 0, ends, clock.Elapsed);
    }

    /// <summary>
    /// N jobs over HTTP to a `wand serve` process (a task hub of its own, on the same Azurite), five a
    /// second; halfway through the submissions it is killed with SIGKILL and the next one starts on the
    /// same storage (and worker id, so it takes the partitions at once). Submissions meanwhile find
    /// nobody listening and are sent again. Each job must end, with its report, under the second one.
    /// </summary>
    private static async Task<Phase> AcrossAKilledServeAsync(AzuriteProcess azurite, string run, int jobs, bool kill, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var settings = new Dictionary<string, string>
        {
            ["Wand__Storage__ConnectionString"] = azurite.ConnectionString,
            ["Wand__Engine__TaskHub"] = $"load{run}",
            ["Wand__Engine__WorkerId"] = $"load{run}",
        };
        var serve = await ServeProcess.StartAsync(settings, cancellationToken);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var accepted = new List<string>();
        var retried = 0;
        Task? fault = null;
        try
        {
            await Task.WhenAll(Enumerable.Range(1, jobs).Select(async i =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * (i - 1)), cancellationToken);
                var (id, tries) = await SubmitAsync(http, () => serve.Address, Job(run, "killed", i), cancellationToken);
                lock (accepted)
                {
                    retried += tries > 1 ? 1 : 0;
                    accepted.AddRange(id is null ? [] : [id]);
                    if (kill && fault is null && accepted.Count >= jobs / 2)
                    {
                        fault = Task.Run(async () => serve = await KillAndStartAgainAsync(serve, settings, accepted.Count, cancellationToken), cancellationToken);
                    }
                }
            }));
            await (fault ?? Task.CompletedTask);
            using var follow = new HttpClient { BaseAddress = serve.Address, Timeout = TimeSpan.FromSeconds(60) };
            var ends = await WaitForEndsAsync(follow, accepted, cancellationToken);
            return new Phase("HTTP", kill ? "wand serve killed (SIGKILL)" : "none", jobs, accepted.Count, retried, ends, clock.Elapsed);
        }
        finally
        {
            await serve.DisposeAsync();
        }
    }

    private static async Task<ServeProcess> KillAndStartAgainAsync(ServeProcess serve, Dictionary<string, string> settings, int accepted, CancellationToken cancellationToken)
    {
        var (down, pid) = (Stopwatch.StartNew(), serve.Id);
        await serve.KillAsync();
        await serve.DisposeAsync();
        var next = await ServeProcess.StartAsync(settings, cancellationToken);
        Console.Error.WriteLine($"load: wand serve (pid {pid}) killed after {accepted} jobs were accepted; the next one listened {down.Elapsed.TotalSeconds:F1} s later");
        return next;
    }

    /// <summary>Posts a job until it is accepted or refused for good; a 5xx or a dropped connection is tried again, ten times at most.</summary>
    private static Task<(string? Id, int Tries)> SubmitAsync(HttpClient http, JsonObject job, CancellationToken cancellationToken) =>
        SubmitAsync(http, () => http.BaseAddress!, job, cancellationToken);

    /// <param name="root">Where to send it, asked again on each attempt (the server may have moved).</param>
    private static async Task<(string? Id, int Tries)> SubmitAsync(HttpClient http, Func<Uri> root, JsonObject job, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var answer = await http.PostAsync(new Uri(root(), "api/repairs"), new StringContent(job.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);
                if (answer.StatusCode == HttpStatusCode.Accepted)
                {
                    return ((await answer.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["id"]!.GetValue<string>(), attempt);
                }

                Console.Error.WriteLine($"load: submit answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(cancellationToken)}");
                if ((int)answer.StatusCode < 500 || attempt == 10)
                {
                    return (null, attempt);
                }
            }
            catch (HttpRequestException ex) when (attempt < 10)
            {
                Console.Error.WriteLine($"load: submit failed: {ex.Message}");
            }

            await Task.Delay(1000, cancellationToken);
        }
    }

    private static async Task<List<JobEnd>> WaitForEndsAsync(HttpClient http, List<string> ids, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Patience;
        var ends = new Dictionary<string, JobEnd>(StringComparer.Ordinal);
        while (ends.Count < ids.Count && DateTime.UtcNow < deadline)
        {
            foreach (var id in ids.Where(i => !ends.ContainsKey(i)))
            {
                var answer = await http.GetAsync($"/api/repairs/{id}", cancellationToken);
                if (answer.StatusCode != HttpStatusCode.OK)
                {
                    continue;
                }

                var view = (await answer.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
                var status = view["status"]!.GetValue<string>();
                if (status is "completed" or "failed" or "canceled")
                {
                    var report = await http.GetAsync($"/api/repairs/{id}/artifacts/report.json", cancellationToken);
                    ends[id] = new JobEnd(id, status, view["result"]?["status"]?.GetValue<string>(), report.StatusCode == HttpStatusCode.OK, view["failure"]?.GetValue<string>());
                }
            }

            if (ends.Count < ids.Count)
            {
                await Task.Delay(1000, cancellationToken);
            }
        }

        return [.. ids.Select(id => ends.TryGetValue(id, out var end) ? end : new JobEnd(id, "no end in time", null, false, null))];
    }

    private static async Task RestartAzuriteAsync(AzuriteProcess azurite, int accepted, CancellationToken cancellationToken)
    {
        var down = Stopwatch.StartNew();
        await azurite.RestartAsync(TimeSpan.FromSeconds(2), cancellationToken);
        Console.Error.WriteLine($"load: Azurite restarted after {accepted} jobs were accepted; it was away {down.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task RestartDockerAsync(CancellationToken cancellationToken)
    {
        // The daemon of /var/run/docker.sock only (another dockerd, a test's, may be running).
        await ShellAsync("pid=$(cat /var/run/docker.pid) && kill -TERM $pid && for i in $(seq 1 120); do kill -0 $pid 2>/dev/null || exit 0; sleep 0.5; done; exit 1", cancellationToken);
        await ShellAsync($"'{Path.Combine(RepositoryRoot.Path, "eng", "setup.sh")}' docker", cancellationToken);
    }

    private static async Task ShellAsync(string script, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", script]))!;
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{script}' exited {process.ExitCode}");
        }
    }

    private static string Render(TimeSpan alone, params Phase[] phases)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"Load and faults on wand serve (2 cores; the same mix one job at a time: {alone.TotalSeconds:F1} s a job)").AppendLine();
        text.AppendLine("| way in | fault | sent | accepted | retried submits | reached an end | completed | repaired / already passing / other | failed | with report | wall time | jobs per minute | vs one at a time |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var p in phases)
        {
            var ended = p.Ends.Count(e => e.Status is "completed" or "failed" or "canceled");
            var completed = p.Ends.Where(e => e.Status == "completed").ToList();
            var repaired = completed.Count(e => e.Outcome == "repaired");
            var passing = completed.Count(e => e.Outcome == "alreadyPassing");
            var perMinute = p.Ends.Count / p.Wall.TotalMinutes;
            text.AppendLine(inv, $"| {p.WayIn} | {p.Fault} | {p.Sent} | {p.Accepted} | {p.Retried} | {ended}/{p.Ends.Count} | {completed.Count} | {repaired} / {passing} / {completed.Count - repaired - passing} | {p.Ends.Count(e => e.Status == "failed")} | {p.Ends.Count(e => e.HasReport)}/{p.Ends.Count} | {p.Wall.TotalSeconds:F0} s | {perMinute:F1} | {perMinute * alone.TotalMinutes:F1}x |");
        }

        foreach (var failure in phases.SelectMany(p => p.Ends).Where(e => e.Status != "completed").Take(10))
        {
            text.AppendLine(inv, $"- {failure.Id}: {failure.Status}: {failure.Failure}");
        }

        return text.ToString();
    }
}
