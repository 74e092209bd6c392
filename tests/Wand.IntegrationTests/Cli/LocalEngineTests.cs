using Wand.Fixtures;
using Wand.Jobs;
using Wand.Repair;

namespace Wand.Cli;

/// <summary>
/// `wand`'s Durable Task engine with activities longer than its worker's patience: a search
/// round over a real suite runs for many minutes, and the in-process sidecar sends nothing on the
/// work-item stream meanwhile. The worker used to take that silence for a lost connection, rebuild
/// its channel and dispose the old one under the running activity (30 s later), whose completion
/// then failed with ObjectDisposedException: the repair waited forever.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class LocalEngineTests(AzuriteFixture azurite) : IDisposable
{
    private readonly JobFolders _folders = new();

    [Fact]
    public async Task AnActivityFarLongerThanTheWorkersPatience_Completes()
    {
        // Patience of 1 s (it is off in `wand`): a 45 s baseline run is dozens of silent spells,
        // five of which used to make the worker rebuild its channel.
        var logs = new CapturedLogs();
        await using var host = await RepairHost.StartAsync(azurite.ConnectionString, new Uri("http://127.0.0.1:9/v1/"), silentDisconnectTimeout: TimeSpan.FromSeconds(1), logs: logs);
        var job = JobFolder.Load(_folders.Of(new Dictionary<string, string>
        {
            [".wand.yml"] = "timeoutSeconds: 120\n",
            ["slow.py"] = "def answer():\n    return 42\n",
            ["test_slow.py"] = "import time\n\nfrom slow import answer\n\n\ndef test_answer_after_a_while():\n    time.sleep(45)\n    assert answer() == 42\n",
        }));

        var outcome = await host.RepairAsync(job, new RepairSettings { Generator = RepairGenerator.Search });

        Assert.Equal(RepairStatus.AlreadyPassing, outcome.Status);
        Assert.Contains(logs.Entries, e => e.Event.Id == 56);
        Assert.DoesNotContain(logs.Entries, e => e.Event.Id == 73 || e.Message.Contains("ObjectDisposedException", StringComparison.Ordinal));
    }

    public void Dispose() => _folders.Dispose();
}
