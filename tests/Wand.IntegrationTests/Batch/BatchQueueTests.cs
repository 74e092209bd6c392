using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Wand.Cli.Serve;
using Wand.Fixtures;
using Wand.Jobs;
using Wand.Storage;

namespace Wand.Batch;

/// <summary>Batch repair through the storage queue, as `wand serve` listens on it: real Azurite queues and blobs, real Docker, no LLM.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class BatchQueueTests(AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly string _taskHub = AzuriteFixture.NewTaskHub();
    private ServeHost _host = null!;
    private HttpClient _http = null!;
    private QueueClient _queue = null!;

    public async Task InitializeAsync()
    {
        _host = await StartHostAsync();
        _http = new HttpClient { BaseAddress = new Uri(_host.Addresses[0]) };
        _queue = new QueueClient(azurite.ConnectionString, BatchSettings.Queue);
        await _queue.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private Task<ServeHost> StartHostAsync() => ServeHost.StartAsync("http://127.0.0.1:0", null, new Dictionary<string, string?>
    {
        ["Wand:Storage:ConnectionString"] = azurite.ConnectionString,
        ["Wand:Batch:PollSeconds"] = "0.2",
        ["Wand:Batch:LeaseSeconds"] = "3",
        ["Wand:Engine:TaskHub"] = _taskHub,
        // A host started again takes its predecessor's partitions at once under the same id, and
        // the messages the predecessor had taken come back after 15 s.
        ["Wand:Engine:WorkerId"] = _taskHub,
        ["Wand:Engine:MessageVisibility"] = "00:00:15",
    }, CancellationToken.None);

    private DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    private ArtifactStore Store => _host.Services.GetRequiredService<ArtifactStore>();

    [Fact]
    public async Task InlineBatch_OfGoodAndBadJobs_EachJobIsALineOfTheReport()
    {
        var id = $"mixed-{_run}";
        var bad = JobSubmissions.Of("py-running-max");
        bad["language"] = "cobol";
        var message = new JsonObject
        {
            ["id"] = id,
            ["parallelism"] = 2,
            ["jobs"] = new JsonArray(JobSubmissions.Of("py-running-max"), JobSubmissions.Of("py-running-max", fixedAlready: true), bad),
        };

        await _queue.SendMessageAsync(message.ToJsonString());
        var summary = await WaitForBatchAsync(id);

        Assert.Equal(new BatchSummary(id, 3, 1, 1, 0, 1, 0, null, $"batches/{id}/report.jsonl"), summary);
        var lines = (await Store.GetTextAsync(summary.Report, default))!.TrimEnd('\n').Split('\n').Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal([1, 2, 3], lines.Select(l => l["line"]!.GetValue<int>()));
        Assert.Equal(["repaired", "alreadyPassing", "rejected"], lines.Select(l => l["status"]!.GetValue<string>()));
        Assert.Contains("unknown language 'cobol'", lines[2]["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal($"jobs/batch-{id}.1/report.md", lines[0]["report"]!.GetValue<string>());
        // Each job of a batch is a repair like any other: the API shows it.
        var job = await _http.GetFromJsonAsync<JsonObject>($"/api/repairs/batch-{id}.1");
        Assert.Equal("repaired", job!["result"]!["status"]!.GetValue<string>());
        Assert.NotNull(await Store.GetTextAsync(BatchBlobNames.Summary(id), default));
        await WaitForEmptyQueueAsync();
    }

    [Fact]
    public async Task BlobBatch_WithLinesThatPassTheShapeCheckButNotTheJobs_RejectsEachAlone_AndReportsEveryLine()
    {
        var id = $"badlines-{_run}";
        var passing = JobSubmissions.Of("py-running-max", fixedAlready: true);
        string Passing(Action<JsonObject> change)
        {
            var job = (JsonObject)passing.DeepClone();
            change(job);
            return job.ToJsonString();
        }

        string[] lines =
        [
            passing.ToJsonString(),
            """{"files":[null]}""",
            "[1, 2]",
            "null",
            Passing(j => j["editable"] = new JsonArray((JsonNode?)null)),
            Passing(j => j["editable"] = new JsonArray("../outside.py")),
            Passing(j => j["budget"] = new JsonObject { ["minutes"] = 0 }),
            Passing(j => j["budget"] = new JsonObject { ["minutes"] = int.MaxValue, ["searchCandidates"] = long.MaxValue }),
            """{"files":[{"path":"a.py","content":null}]}""",
            "not json at all",
        ];
        var blob = $"batches/{id}.jsonl";
        await Store.PutTextAsync(blob, string.Join('\n', lines) + "\n", "application/x-ndjson", default);

        await _queue.SendMessageAsync(JsonSerializer.Serialize(new { id, blob, parallelism = 2 }));
        var summary = await WaitForBatchAsync(id);

        var report = (await Store.GetTextAsync(summary.Report, default))!.TrimEnd('\n').Split('\n').Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(Enumerable.Range(1, lines.Length), report.Select(l => l["line"]!.GetValue<int>()));
        Assert.Equal(
            ["alreadyPassing", "rejected", "rejected", "rejected", "rejected", "rejected", "rejected", "alreadyPassing", "rejected", "rejected"],
            report.Select(l => l["status"]!.GetValue<string>()));
        string Detail(int line) => report[line - 1]["detail"]!.GetValue<string>();
        Assert.Equal("files[0] is null", Detail(2));
        Assert.Equal("the body is not a repair job: it must be a JSON object (got a list)", Detail(3));
        Assert.Equal("the body is JSON null; it must be a job object", Detail(4));
        Assert.Equal("editable[0] is null", Detail(5));
        Assert.Equal(EditableGlobs.Problem(["../outside.py"]), Detail(6));
        Assert.Equal("budget.minutes must be positive (got 0)", Detail(7));
        // A budget above the operator's is capped, never refused: the line runs, and its report line says so.
        Assert.Equal(
            ["budget.minutes 2147483647 capped to the configured 15", $"budget.searchCandidates {long.MaxValue} capped to the configured 400"],
            report[7]["notes"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("files[0].content is null; give it a value or leave it out", Detail(9));
        Assert.Equal("the body is not a repair job: it is not valid JSON (line 1, byte 2)", Detail(10));
        Assert.Equal((10, 2, 8), (summary.Jobs, summary.AlreadyPassing, summary.Rejected));
        await WaitForEmptyQueueAsync();
    }

    [Fact]
    public async Task BlobBatch_DeliveredThreeTimes_RunsOnce()
    {
        var id = $"twice-{_run}";
        var blob = $"batches/{id}.jsonl";
        await Store.PutTextAsync(blob, JobSubmissions.Of("py-running-max", fixedAlready: true).ToJsonString() + "\n", "application/x-ndjson", default);
        var message = JsonSerializer.Serialize(new { id, blob });

        await _queue.SendMessageAsync(message);
        await _queue.SendMessageAsync(message);
        var summary = await WaitForBatchAsync(id);
        var batch = await Client.GetInstanceAsync(BatchOrchestrator.InstanceId(id));
        var job = await Client.GetInstanceAsync($"batch-{id}.1");
        await _queue.SendMessageAsync(message);
        await WaitForEmptyQueueAsync();

        Assert.Equal((1, 1), (summary.Jobs, summary.AlreadyPassing));
        var instances = await Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = $"batch-{id}" }).ToListAsync();
        Assert.Equal([$"batch-{id}", $"batch-{id}.1"], instances.Select(i => i.InstanceId).Order(StringComparer.Ordinal));
        // Neither was started again by the later deliveries.
        Assert.Equal(batch!.CreatedAt, (await Client.GetInstanceAsync(BatchOrchestrator.InstanceId(id)))!.CreatedAt);
        Assert.Equal(job!.CreatedAt, (await Client.GetInstanceAsync($"batch-{id}.1"))!.CreatedAt);
        Assert.DoesNotContain(await PoisonedAsync(), p => p.Message.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Batch_WhoseHostStopsBeforeItEnds_RunsAgainInTheNextHostOnTheSameStorage()
    {
        var id = $"crash-{_run}";
        var slow = new JsonObject
        {
            ["generator"] = "search",
            ["files"] = new JsonArray(
                new JsonObject { ["path"] = "slow.py", ["content"] = "def add(a, b):\n    return a + b\n" },
                new JsonObject { ["path"] = "test_slow.py", ["content"] = "import time\nfrom slow import add\n\ndef test_add():\n    time.sleep(2)\n    assert add(1, 2) == 3\n" }),
        };
        await _queue.SendMessageAsync(new JsonObject { ["id"] = id, ["jobs"] = new JsonArray(slow) }.ToJsonString());
        while (await Client.GetInstanceAsync(BatchOrchestrator.InstanceId(id)) is null)
        {
            await Task.Delay(100);
        }

        // The engine's state dies with the process; the message, kept hidden until the batch ends, does not.
        await _host.DisposeAsync();
        _host = await StartHostAsync();
        var summary = await WaitForBatchAsync(id);
        await WaitForEmptyQueueAsync();

        Assert.Equal((1, 1), (summary.Jobs, summary.AlreadyPassing));
        Assert.DoesNotContain(await PoisonedAsync(), p => p.Message.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MalformedMessages_GoToThePoisonQueueWithTheirReason_AndTheListenerGoesOn()
    {
        string[] malformed =
        [
            $"not json {_run}",
            JsonSerializer.Serialize(new { id = $"gone-{_run}", blob = $"batches/gone-{_run}.jsonl" }),
            JsonSerializer.Serialize(new { id = $"empty-{_run}", jobs = Array.Empty<object>() }),
        ];
        foreach (var text in malformed)
        {
            await _queue.SendMessageAsync(text);
        }

        var id = $"after-{_run}";
        await _queue.SendMessageAsync(new JsonObject { ["id"] = id, ["jobs"] = new JsonArray(JobSubmissions.Of("py-running-max", fixedAlready: true)) }.ToJsonString());
        var summary = await WaitForBatchAsync(id);
        await WaitForEmptyQueueAsync();

        Assert.Equal(1, summary.AlreadyPassing);
        var poisoned = (await PoisonedAsync()).Where(p => p.Message.Contains(_run, StringComparison.Ordinal)).ToDictionary(p => p.Message, p => p.Reason);
        Assert.Equal(3, poisoned.Count);
        Assert.Contains("the message is not a batch", poisoned[malformed[0]], StringComparison.Ordinal);
        Assert.Contains($"the batch's blob 'batches/gone-{_run}.jsonl' does not exist", poisoned[malformed[1]], StringComparison.Ordinal);
        Assert.Contains("\"jobs\" is empty", poisoned[malformed[2]], StringComparison.Ordinal);
        Assert.Null(await Client.GetInstanceAsync(BatchOrchestrator.InstanceId($"gone-{_run}")));
    }

    [Fact]
    public async Task PostBatch_OverHttp_RunsLikeAQueuedOneAndIsFollowedByItsId()
    {
        var id = $"http-{_run}";
        var message = new JsonObject { ["id"] = id, ["jobs"] = new JsonArray(JobSubmissions.Of("py-running-max", fixedAlready: true)) }.ToJsonString();

        var posted = await _http.PostAsync("/api/batches", new StringContent(message, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal($"/api/batches/{id}", posted.Headers.Location!.ToString());
        await WaitForBatchAsync(id);
        var view = (await _http.GetFromJsonAsync<JsonObject>($"/api/batches/{id}"))!;
        Assert.Equal("completed", view["status"]!.GetValue<string>());
        Assert.Equal(1, view["summary"]!["alreadyPassing"]!.GetValue<int>());
        var report = await _http.GetAsync(view["report"]!.GetValue<string>());
        Assert.Equal("application/x-ndjson", report.Content.Headers.ContentType!.MediaType);
        Assert.Equal("alreadyPassing", JsonNode.Parse(await report.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
        var again = await _http.PostAsync("/api/batches", new StringContent(message, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonObject>())!["duplicate"]!.GetValue<bool>());
        var bad = await _http.PostAsync("/api/batches", new StringContent("{\"jobs\": []}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"jobs\" is empty", (await bad.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await _http.GetAsync($"/api/batches/none-{_run}")).StatusCode);
    }

    private async Task<BatchSummary> WaitForBatchAsync(string batchId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var instanceId = BatchOrchestrator.InstanceId(batchId);
        while (await Client.GetInstanceAsync(instanceId, timeout.Token) is null)
        {
            await Task.Delay(100, timeout.Token);
        }

        var state = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"batch {batchId} ended {state.RuntimeStatus}: {state.FailureDetails?.ErrorMessage}");
        return state.ReadOutputAs<BatchSummary>()!;
    }

    private async Task WaitForEmptyQueueAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while ((await _queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the listener left messages on the batch queue");
            await Task.Delay(100);
        }
    }

    private async Task<List<PoisonedMessage>> PoisonedAsync()
    {
        var poison = new QueueClient(azurite.ConnectionString, BatchSettings.PoisonQueue);
        await poison.CreateIfNotExistsAsync();
        var found = new List<PoisonedMessage>();
        foreach (var peeked in (await poison.PeekMessagesAsync(32)).Value)
        {
            found.Add(JsonSerializer.Deserialize<PoisonedMessage>(peeked.Body.ToString(), JsonSerializerOptions.Web)!);
        }

        return found;
    }
}
