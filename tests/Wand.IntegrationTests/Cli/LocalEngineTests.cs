using Wand.Cli.Engine;
using Wand.Fixtures;
using Wand.Jobs;
using Wand.Repair;

namespace Wand.Cli;

/// <summary>
/// `wand`'s Durable Task engine with activities longer than its worker's patience: a search
/// round over a real suite runs for many minutes, and the in-process sidecar sends nothing on the
/// work-item stream meanwhile. The worker used to take that silence for a lost connection, rebuild
/// its channel and dispose the old one under the running activity (30 s later), whose completion
/// then failed with ObjectDisposedException: the repair waited forever. On the durable engine the
/// activity also outlasts its queue message's visibility (10 s here), which the engine must keep
/// renewing, or the message comes back and the activity runs a second time.
/// </summary>
[Collection(DurableEngineCollection.Name)]
public sealed class LocalEngineTests(AzuriteFixture azurite) : IDisposable
{
    private readonly JobFolders _folders = new();

    [Theory]
    [InlineData(EngineBackend.AzureStorage)]
    [InlineData(EngineBackend.InMemory)]
    public async Task AnActivityFarLongerThanTheWorkersPatience_CompletesOnce(EngineBackend backend)
    {
        // Patience of 1 s (it is off in `wand`): a 45 s baseline run is dozens of silent spells,
        // five of which used to make the worker rebuild its channel.
        var logs = new CapturedLogs();
        var settings = new Dictionary<string, string?>
        {
            ["Wand:Engine:Backend"] = backend.ToString(),
            ["Wand:Engine:MessageVisibility"] = "00:00:10",
        };
        await using var host = await RepairHost.StartAsync(
            azurite.ConnectionString, new Uri("http://127.0.0.1:9/v1/"), settings, silentDisconnectTimeout: TimeSpan.FromSeconds(1), logs: logs);
        var job = JobFolder.Load(_folders.Of(new Dictionary<string, string>
        {
            [".wand.yml"] = "timeoutSeconds: 120\n",
            // Not the other backend's job, whose baseline would come from the evaluation cache.
            ["slow.py"] = $"def answer():\n    return 42  # {backend}\n",
            ["test_slow.py"] = "import time\n\nfrom slow import answer\n\n\ndef test_answer_after_a_while():\n    time.sleep(45)\n    assert answer() == 42\n",
        }));

        var outcome = await host.RepairAsync(job, new RepairSettings { Generator = RepairGenerator.Search });

        Assert.Equal(RepairStatus.AlreadyPassing, outcome.Status);
        Assert.Contains(logs.Entries, e => e.Event.Id == 56);
        Assert.DoesNotContain(logs.Entries, e => e.Event.Id == 73 || e.Message.Contains("ObjectDisposedException", StringComparison.Ordinal));
        // Renewal undone, the storage engine logs "Work item queue message ... is being processed
        // multiple times concurrently" and then a PopReceiptMismatch; Wand's engine says when it runs
        // an activity again. The one warning allowed: an orchestration message put back (104) when
        // the worker, with its 1 s patience, dropped its stream just as the message was sent.
        var trouble = logs.Entries.Where(e => e.Category.StartsWith("Wand.Cli.Engine", StringComparison.Ordinal)
            || (e.Category.StartsWith("DurableTask", StringComparison.Ordinal) && e.Event.Id != 104)).ToList();
        Assert.True(trouble.Count == 0, string.Join('\n', trouble.Select(e => $"{e.Category}[{e.Event.Id}] {e.Message}")));
    }

    public void Dispose() => _folders.Dispose();
}
