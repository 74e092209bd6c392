using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Common;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging;
using Wand.Fixtures;

namespace Wand.Cli.Engine;

/// <summary>
/// What the engine's sidecar is handed from the task hub in storage. Storage delivers a message at
/// least once, and an activity can even have two messages: a process that sent one and was killed
/// before it recorded the scheduling leaves its orchestration to schedule the activity again. The
/// sidecar waits for one completion per instance and task id, so a second delivery it was given
/// while it ran the first waited for ever (a batch in CI never ended after `wand serve` was killed).
/// </summary>
[Collection(DurableEngineCollection.Name)]
public sealed class SidecarSafeOrchestrationServiceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ASecondMessageOfAnActivityItRuns_IsPutBackUntilThatRunEnds()
    {
        var logs = new CapturedLogs();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        var storage = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = AzuriteFixture.NewTaskHub(),
            StorageAccountClientProvider = new StorageAccountClientProvider(azurite.ConnectionString),
            PartitionCount = 1,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
        });
        var service = new SidecarSafeOrchestrationService(storage, loggers.CreateLogger<SidecarSafeOrchestrationService>());
        await storage.CreateIfNotExistsAsync();
        await service.StartAsync();
        try
        {
            await ScheduleTwiceAsync(storage, "RunCandidate");

            var first = await TakeWithinAsync(service, TimeSpan.FromSeconds(60));
            Assert.NotNull(first);
            Assert.Null(await TakeWithinAsync(service, TimeSpan.FromSeconds(8)));
            Assert.Contains(logs.Entries, e => e.Event.Id == 5 && e.Message.Contains("RunCandidate #0 of twice", StringComparison.Ordinal));

            await service.CompleteTaskActivityWorkItemAsync(first, Completed(first));
            var second = await TakeWithinAsync(service, TimeSpan.FromSeconds(60));

            Assert.NotNull(second);
            Assert.NotEqual(first.Id, second.Id);
            Assert.Equal(0, Assert.IsType<TaskScheduledEvent>(second.TaskMessage.Event).EventId);
            await service.CompleteTaskActivityWorkItemAsync(second, Completed(second));
        }
        finally
        {
            await service.StopAsync(isForced: true);
            await storage.DeleteAsync();
        }
    }

    /// <summary>One episode of an orchestration "twice" that sends its first activity's message twice, as a re-run after a crash does.</summary>
    private static async Task ScheduleTwiceAsync(AzureStorageOrchestrationService storage, string activity)
    {
        await new TaskHubClient(storage).CreateOrchestrationInstanceAsync("Twice", "", "twice", input: null);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var episode = await storage.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(60), patience.Token);
        var state = episode.OrchestrationRuntimeState;
        state.AddEvent(new OrchestratorStartedEvent(-1));
        foreach (var message in episode.NewMessages)
        {
            state.AddEvent(message.Event);
        }

        state.AddEvent(new TaskScheduledEvent(0, activity, "", "null"));
        state.AddEvent(new OrchestratorCompletedEvent(-1));
        TaskMessage Scheduling() => new() { Event = new TaskScheduledEvent(0, activity, "", "null"), OrchestrationInstance = state.OrchestrationInstance };
        await storage.CompleteTaskOrchestrationWorkItemAsync(episode, state, [Scheduling(), Scheduling()], [], [], null!, Utils.BuildOrchestrationState(state));
        await storage.ReleaseTaskOrchestrationWorkItemAsync(episode);
    }

    private static async Task<TaskActivityWorkItem?> TakeWithinAsync(SidecarSafeOrchestrationService service, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            return await service.LockNextTaskActivityWorkItem(patience, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return null;
        }
    }

    private static TaskMessage Completed(TaskActivityWorkItem item) =>
        new() { Event = new TaskCompletedEvent(-1, 0, "null"), OrchestrationInstance = item.TaskMessage.OrchestrationInstance };
}
