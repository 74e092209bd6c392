using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Wand.Fixtures;

namespace Wand.Cli;

/// <summary>
/// Several `wand serve` processes on one storage account share one task hub: a batch of 60 jobs
/// posted to one of them is worked on by all (each says which activities it took), and every
/// job ends with its line in the report. Scale-out on the engine Durable Functions runs on,
/// without Azure Functions.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ServeScaleOutTests(AzuriteFixture azurite)
{
    private const int Jobs = 60;

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ServeProcesses_OnOneTaskHub_ShareABatchOf60Jobs(int processes)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var settings = new Dictionary<string, string?>
        {
            ["Wand__Storage__ConnectionString"] = azurite.ConnectionString,
            ["Wand__Engine__TaskHub"] = "scale" + run,
            ["Wand__Batch__Parallelism"] = "16",
            // Each process says which activities it took.
            ["Logging__LogLevel__Wand.Cli.Engine.SidecarSafeOrchestrationService"] = "Information",
        };
        var serves = Enumerable.Range(0, processes).Select(_ => WandProcess.Start(settings, "serve", "--urls", "http://127.0.0.1:0")).ToList();
        try
        {
            var addresses = await Task.WhenAll(serves.Select(s => s.ListeningAddressAsync()));
            using var http = new HttpClient { BaseAddress = addresses[0] };
            var batch = new JsonObject
            {
                ["id"] = $"shared-{run}",
                ["parallelism"] = 16,
                ["jobs"] = new JsonArray([.. Enumerable.Range(1, Jobs).Select(i => (JsonNode)JobSubmissions.Of("py-clamp", fixedAlready: true, marker: $"{run} {i}"))]),
            };
            Assert.Equal(System.Net.HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/batches", batch)).StatusCode);

            // Any process answers for the batch: ask the last one.
            using var other = new HttpClient { BaseAddress = addresses[^1] };
            var view = await ApiPolling.UntilEndedAsync(other, $"/api/batches/shared-{run}", TimeSpan.FromMinutes(6));

            Assert.True(view["status"]!.GetValue<string>() == "completed", view.ToJsonString());
            Assert.Equal(Jobs, view["summary"]!["jobs"]!.GetValue<int>());
            Assert.Equal(Jobs, view["summary"]!["alreadyPassing"]!.GetValue<int>());
            var report = (await other.GetStringAsync($"/api/batches/shared-{run}/report")).TrimEnd('\n').Split('\n');
            Assert.Equal(Jobs, report.Length);
            var taken = serves.Select(s => s.StdoutSoFar.Split('\n').Count(l => l.Contains("taken by this process", StringComparison.Ordinal))).ToList();
            Assert.True(taken.All(n => n > 0), $"activities taken per process: {string.Join(", ", taken)}");
        }
        finally
        {
            foreach (var serve in serves)
            {
                await serve.DisposeAsync();
            }
        }
    }
}
