using Wand.Cli.Engine;
using Wand.Fixtures;
using Wand.Repair;

namespace Wand.Plumbing;

/// <summary>
/// A repair whose orchestration fails says why through the HTTP API on either engine. The storage
/// engine keeps no failure details, only their text as the output: `GET /api/repairs/{id}`
/// answered "failed" and nothing more on `wand serve`.
/// </summary>
[Collection(DurableEngineCollection.Name)]
public sealed class InstanceFailureTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(EngineBackend.AzureStorage)]
    [InlineData(EngineBackend.InMemory)]
    public async Task AFailedRepair_SaysWhy(EngineBackend backend)
    {
        await using var host = await RepairHost.StartAsync(
            azurite.ConnectionString, new Uri("http://127.0.0.1:9/v1/"), new Dictionary<string, string?> { ["Wand:Engine:Backend"] = backend.ToString() });
        // No request: the orchestrator fails on its first line.
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(RepairOrchestrator.Name);

        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var state = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, patience.Token);
        var view = RepairStatusView.From(state, "/api/repairs");

        Assert.Equal("failed", view.Status);
        Assert.Contains("Object reference not set to an instance of an object", view.Failure, StringComparison.Ordinal);
    }
}
