using System.Collections.Concurrent;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging;

namespace Wand.Cli.Engine;

/// <summary>
/// DurableTask.AzureStorage as the SDK's gRPC sidecar needs it. The sidecar was written against
/// the in-memory engine, which keeps its objects as they are; storage serializes them, and three
/// things the sidecar does break there (each found by running it, README "Durable engine"):
/// <list type="bullet">
/// <item>A sub-orchestration's tags are a protobuf <c>MapField</c>, which the queue's JSON cannot
/// read back: the child's start message failed forever. They are copied into a plain dictionary.</item>
/// <item>A sub-orchestration's history row is the sidecar's own event type, which has no data
/// contract, so the row was stored without its <c>EventType</c> and the parent could never be
/// loaded again. The plain Core event is stored instead.</item>
/// <item>Nothing renews an activity's message while it runs, so an activity longer than the
/// message's visibility ran a second time. It is renewed here, as Core's own dispatcher does.</item>
/// <item>The sidecar waits for one completion per instance and task id: a second delivery of an
/// activity it is running got no waiter of its own and waited for ever, its message kept hidden
/// by its renewals (a batch stopped so after a crash: the killed process had sent an activity's
/// message and died before recording it, so the activity was scheduled again and both messages
/// came). A second delivery is put back until the run under way ends.</item>
/// </list>
/// An activity message this process has taken before is logged as run again (a process died
/// under it, or its message came back). Renewals end when the service stops. Starting and stopping happen once each, a start after
/// the stop is not made, and a stop never throws: the sidecar stops the service from an
/// <c>async void</c> handler, where the storage service's exception (it throws when it was never
/// started) ended the whole process. Everything else goes to the storage service as it is.
/// </summary>
internal sealed partial class SidecarSafeOrchestrationService(AzureStorageOrchestrationService storage, ILogger<SidecarSafeOrchestrationService> logger)
    : IOrchestrationService
{
    private readonly AzureStorageOrchestrationService _inner = storage;
    private readonly ConcurrentDictionary<string, Renewal> _renewals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _running = new(StringComparer.Ordinal);
    private readonly RecentActivities _taken = new(10_000);
    private readonly Lock _stopLock = new();
    private Task? _starting;
    private Task? _stopping;

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            var item = await _inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
            if (item is null)
            {
                return null!;
            }

            var scheduled = item.TaskMessage?.Event as TaskScheduledEvent;
            var instance = item.TaskMessage?.OrchestrationInstance?.InstanceId ?? "?";
            var key = scheduled is null ? item.Id : $"{instance}#{scheduled.EventId}";
            if (!_running.TryAdd(key, item.Id))
            {
                // Back after the storage's back-off (2 s, then doubling), by when the run may have ended.
                LogPutBack(logger, scheduled?.Name ?? "?", scheduled?.EventId ?? -1, instance);
                await _inner.AbandonTaskActivityWorkItemAsync(item);
                continue;
            }

            if (scheduled is not null)
            {
                LogTaken(logger, scheduled.Name ?? "?", scheduled.EventId, instance);
                if (!_taken.Add(key))
                {
                    LogRunAgain(logger, scheduled.Name ?? "?", scheduled.EventId, instance);
                }
            }

            var stop = new CancellationTokenSource();
            _renewals[item.Id] = new Renewal(key, stop, RenewUntilStoppedAsync(item, stop.Token));
            return item;
        }
    }

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        await StopRenewingAsync(workItem.Id);
        await _inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        await StopRenewingAsync(workItem.Id);
        await _inner.AbandonTaskActivityWorkItemAsync(workItem);
    }

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState, IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages, TaskMessage continuedAsNewMessage, OrchestrationState orchestrationState)
    {
        StorableHistory.Fix(newOrchestrationRuntimeState.Events);
        StorableHistory.Fix(newOrchestrationRuntimeState.NewEvents);
        StorableHistory.Fix(newOrchestrationRuntimeState.PastEvents);
        foreach (var message in new[] { outboundMessages, orchestratorMessages, timerMessages }.Where(m => m is not null).SelectMany(m => m))
        {
            StorableHistory.FixTags(message.Event);
        }

        if (continuedAsNewMessage is not null)
        {
            StorableHistory.FixTags(continuedAsNewMessage.Event);
        }

        return _inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    // Renews half a visibility before the lock runs out. A completion waits for a renewal under
    // way, so it never deletes the message with a receipt the renewal has just replaced.
    private async Task RenewUntilStoppedAsync(TaskActivityWorkItem item, CancellationToken stop)
    {
        var id = item.Id;
        try
        {
            while (true)
            {
                var left = item.LockedUntilUtc - DateTime.UtcNow;
                await Task.Delay(left > TimeSpan.FromSeconds(2) ? left / 2 : TimeSpan.FromSeconds(1), stop);
                item = await _inner.RenewTaskActivityWorkItemLockAsync(item);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogRenewalFailed(logger, id, ex.Message);
        }
    }

    private async Task StopRenewingAsync(string id)
    {
        if (_renewals.TryRemove(id, out var renewal))
        {
            await renewal.Stop.CancelAsync();
            await renewal.Running;
            renewal.Stop.Dispose();
            _running.TryRemove(renewal.Activity, out _);
        }
    }

    /// <param name="Activity">The instance and task id of the activity the message runs: one run of each at a time.</param>
    private sealed record Renewal(string Activity, CancellationTokenSource Stop, Task Running);

    /// <summary>The last activities taken, so a second delivery of one is seen.</summary>
    private sealed class RecentActivities(int capacity)
    {
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
        private readonly Queue<string> _order = new();

        public bool Add(string key)
        {
            lock (_keys)
            {
                if (!_keys.Add(key))
                {
                    return false;
                }

                _order.Enqueue(key);
                if (_order.Count > capacity)
                {
                    _keys.Remove(_order.Dequeue());
                }

                return true;
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Keeping activity message {Id} hidden failed; if it runs past its visibility, another worker may run it again: {Error}")]
    private static partial void LogRenewalFailed(ILogger logger, string id, string error);

    [LoggerMessage(5, LogLevel.Warning, "Activity {Name} #{TaskId} of {InstanceId} came again while this process runs it (its orchestration was run again after a crash, or its message came back): put back until that run ends")]
    private static partial void LogPutBack(ILogger logger, string name, int taskId, string instanceId);

    [LoggerMessage(4, LogLevel.Warning, "Stopping the storage engine failed; its partitions are taken over when their leases run out: {Error}")]
    private static partial void LogStopFailed(ILogger logger, string error);

    [LoggerMessage(3, LogLevel.Information, "Activity {Name} #{TaskId} of {InstanceId} taken by this process")]
    private static partial void LogTaken(ILogger logger, string name, int taskId, string instanceId);

    [LoggerMessage(2, LogLevel.Warning, "Activity {Name} #{TaskId} of {InstanceId} runs again: this process took its message before and it came back")]
    private static partial void LogRunAgain(ILogger logger, string name, int taskId, string instanceId);

    public int TaskOrchestrationDispatcherCount => _inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => _inner.MaxConcurrentTaskOrchestrationWorkItems;

    public int TaskActivityDispatcherCount => _inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => _inner.MaxConcurrentTaskActivityWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => _inner.EventBehaviourForContinueAsNew;

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => _inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task CreateAsync() => _inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => _inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => _inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => _inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => _inner.DeleteAsync(deleteInstanceStore);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => _inner.GetDelayInSecondsAfterOnFetchException(exception);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => _inner.GetDelayInSecondsAfterOnProcessException(exception);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => _inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        _inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => _inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => _inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => _inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    // Once: the sidecar starts the service when the worker connects, which may be after the host
    // has begun to stop, and then nothing would ever stop it (it went on taking the hub's messages).
    public Task StartAsync()
    {
        lock (_stopLock)
        {
            return _stopping is not null ? Task.CompletedTask : _starting ??= _inner.StartAsync();
        }
    }

    public Task StopAsync() => StopAsync(isForced: true);

    public Task StopAsync(bool isForced)
    {
        lock (_stopLock)
        {
            return _stopping ??= _starting is null ? Task.CompletedTask : StopOnceAsync(_starting, isForced);
        }
    }

    private async Task StopOnceAsync(Task starting, bool isForced)
    {
        try
        {
            // A stopped engine must not keep its activities' messages hidden: their renewals would
            // go on for as long as the process lives (a host stopped inside a test, or a serve whose
            // engine stopped), and no other worker could ever run them. They come back after their visibility.
            await Task.WhenAll(_renewals.Keys.ToList().Select(StopRenewingAsync));
            await starting;
            await _inner.StopAsync(isForced);
        }
        catch (Exception ex)
        {
            LogStopFailed(logger, ex.Message);
        }
    }
}
