using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Wand.Batch;
using Wand.Fixtures;
using Wand.Jobs;
using Wand.Repair;

namespace Wand.Retention;

/// <summary>The retention sweep on the durable engine and real Azurite: what ended long enough ago goes, with its blobs; the rest stays.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class RetentionSweepTests(AzuriteFixture azurite) : IDisposable
{
    private readonly JobFolders _folders = new();
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task Sweep_RemovesEndedRepairsOlderThanTheAge_WithTheirBlobsAndOldPoison_AndKeepsWhatRunsOrIsYounger()
    {
        await using var host = await RepairHost.StartAsync(azurite.ConnectionString, new Uri("http://127.0.0.1:9/v1/"), new Dictionary<string, string?>
        {
            ["Wand:Retention:MaxAge"] = "30.00:00:00",
        });
        // Other tests' poison messages would push this one past what a peek shows (32).
        var poison = new QueueClient(azurite.ConnectionString, BatchSettings.PoisonQueue);
        await poison.CreateIfNotExistsAsync();
        await poison.ClearMessagesAsync();
        var ended = (await host.RepairAsync(PassingJob(), new RepairSettings { Generator = RepairGenerator.Search })).JobId;
        var running = await host.Services.GetRequiredService<RepairJobs>().StartAsync(host.Client, SleepingJob(), new RepairSettings { Generator = RepairGenerator.Search }, CancellationToken.None);
        await host.Services.GetRequiredService<BatchIntake>().PoisonAsync($"poison {_run}", "a test's", 1, CancellationToken.None);
        var sweep = host.Services.GetRequiredService<RetentionSweep>();

        var early = await sweep.SweepAsync(host.Client, DateTimeOffset.UtcNow.AddDays(29), CancellationToken.None);

        Assert.Equal(0, early.Instances);
        Assert.NotNull(await host.Client.GetInstanceAsync(ended));
        Assert.Contains(JobBlobNames.Prefix(ended) + "report.json", await host.Store.ListAsync(JobBlobNames.Prefix(ended), CancellationToken.None));
        Assert.Equal(0, early.PoisonMessages);
        // The sweep's look at the poison queue hides nothing it keeps.
        Assert.True(await PoisonHoldsAsync($"poison {_run}"));

        var late = await sweep.SweepAsync(host.Client, DateTimeOffset.UtcNow.AddDays(31), CancellationToken.None);

        Assert.Equal(1, late.Instances);
        Assert.Null(await host.Client.GetInstanceAsync(ended));
        Assert.Empty(await host.Store.ListAsync(JobBlobNames.Prefix(ended), CancellationToken.None));
        Assert.True(late.Blobs > 3, $"{late.Blobs} blobs removed");
        Assert.True(late.PoisonMessages >= 1);
        Assert.False(await PoisonHoldsAsync($"poison {_run}"));
        // Work that has not ended is kept, however old.
        var still = await host.Client.GetInstanceAsync(running);
        Assert.NotNull(still);
        Assert.False(still.IsCompleted);
        Assert.NotEmpty(await host.Store.ListAsync(JobBlobNames.Prefix(running), CancellationToken.None));
        await host.Client.TerminateInstanceAsync(running);
    }

    private Job PassingJob() => JobFolder.Load(_folders.Of(new Dictionary<string, string>
    {
        ["one.py"] = $"def one():\n    return 1  # {_run}\n",
        ["test_one.py"] = "from one import one\n\n\ndef test_one():\n    assert one() == 1\n",
    }));

    private Job SleepingJob() => JobFolder.Load(_folders.Of(new Dictionary<string, string>
    {
        [".wand.yml"] = "timeoutSeconds: 60\n",
        ["slow.py"] = $"def one():\n    return 1  # {_run}\n",
        ["test_slow.py"] = "import time\n\nfrom slow import one\n\n\ndef test_one():\n    time.sleep(30)\n    assert one() == 1\n",
    }));

    private async Task<bool> PoisonHoldsAsync(string text)
    {
        var queue = new QueueClient(azurite.ConnectionString, BatchSettings.PoisonQueue);
        var messages = (await queue.PeekMessagesAsync(32)).Value;
        return messages.Any(m => m.Body.ToString().Contains(text, StringComparison.Ordinal));
    }
}
