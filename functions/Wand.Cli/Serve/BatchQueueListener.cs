using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wand.Batch;
using Wand.Cli.Engine;

namespace Wand.Cli.Serve;

/// <summary>
/// `wand serve`'s queue trigger: reads batch messages off the storage queue and hands each to
/// <see cref="BatchIntake"/>, as the Functions app's queue trigger does: on the durable engine, a
/// message is deleted once its batch is scheduled (the task hub holds it from then on). On the
/// in-memory engine, which keeps its state in the process, a message is kept (hidden, its lease
/// renewed) until its batch has ended: if the process dies first, the message comes back and the
/// batch runs again in the next `wand serve` on the same storage. Either way nothing accepted is lost.
/// </summary>
/// <remarks>
/// A message that can never run goes to the poison queue with its reason. One that fails for
/// another reason (storage down, say) comes back after its lease, and after
/// <see cref="BatchSettings.MaxDeliveries"/> deliveries goes to the poison queue with the last
/// error. Nothing stops the listener but the host stopping.
/// </remarks>
public sealed partial class BatchQueueListener(
    BatchIntake intake, QueueServiceClient queues, DurableTaskClient client, IOptions<BatchSettings> settings, IOptions<EngineOptions> engine,
    ILogger<BatchQueueListener> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, string> _lastErrors = new(StringComparer.Ordinal);
    private readonly List<Lease> _leases = [];

    private TimeSpan LeaseTime => TimeSpan.FromSeconds(settings.Value.LeaseSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = queues.GetQueueClient(BatchSettings.Queue);
        var idle = TimeSpan.FromSeconds(settings.Value.PollSeconds);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                await KeepLeasesAsync(queue, stoppingToken);
                QueueMessage[] messages = (await queue.ReceiveMessagesAsync(16, LeaseTime, stoppingToken)).Value;
                foreach (var message in messages)
                {
                    await HandleAsync(queue, message, stoppingToken);
                }

                failures = 0;
                if (messages.Length == 0)
                {
                    await Task.Delay(idle, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The queue itself is unreachable (Azurite restarting, say): wait longer each time, up to 30 s.
                failures++;
                LogQueueUnreachable(logger, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(failures, 5)))), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task HandleAsync(QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        var text = message.Body.ToString();
        try
        {
            if (message.DequeueCount > settings.Value.MaxDeliveries)
            {
                var last = _lastErrors.TryRemove(message.MessageId, out var error) ? error : "not known (the listener restarted, or its batch did not end before it did)";
                await PoisonAsync(queue, message, $"delivered {message.DequeueCount - 1} times without its batch ending; the last error: {last}", cancellationToken);
                return;
            }

            var accepted = await intake.AcceptAsync(client, text, cancellationToken);
            LogAccepted(logger, accepted.BatchId, accepted.Duplicate ? "already there (a message delivered twice)" : "scheduled");
            _lastErrors.TryRemove(message.MessageId, out _);
            if (engine.Value.Backend == EngineBackend.AzureStorage)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                return;
            }

            _leases.Add(new Lease(accepted.InstanceId, message.MessageId, message.PopReceipt, DateTime.UtcNow + LeaseTime));
        }
        catch (InvalidBatchException ex)
        {
            await PoisonAsync(queue, message, ex.Message, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Left on the queue: it is seen again when its lease runs out.
            _lastErrors[message.MessageId] = ex.Message;
            LogWillRetry(logger, message.MessageId, message.DequeueCount, ex.Message);
        }
    }

    /// <summary>Deletes the messages whose batches have ended and keeps the others hidden for another lease.</summary>
    private async Task KeepLeasesAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        for (var i = _leases.Count - 1; i >= 0; i--)
        {
            var lease = _leases[i];
            var state = await client.GetInstanceAsync(lease.InstanceId, getInputsAndOutputs: false, cancellationToken);
            if (state is null || state.IsCompleted)
            {
                await queue.DeleteMessageAsync(lease.MessageId, lease.PopReceipt, cancellationToken);
                _leases.RemoveAt(i);
            }
            else if (lease.HiddenUntil - DateTime.UtcNow < LeaseTime / 2)
            {
                var renewed = await queue.UpdateMessageAsync(lease.MessageId, lease.PopReceipt, visibilityTimeout: LeaseTime, cancellationToken: cancellationToken);
                _leases[i] = lease with { PopReceipt = renewed.Value.PopReceipt, HiddenUntil = DateTime.UtcNow + LeaseTime };
            }
        }
    }

    private async Task PoisonAsync(QueueClient queue, QueueMessage message, string reason, CancellationToken cancellationToken)
    {
        LogPoisoned(logger, message.MessageId, reason);
        await intake.PoisonAsync(message.Body.ToString(), reason, message.DequeueCount, cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
    }

    /// <summary>A message kept hidden while its batch runs.</summary>
    private sealed record Lease(string InstanceId, string MessageId, string PopReceipt, DateTime HiddenUntil);

    [LoggerMessage(1, LogLevel.Information, "Batch {BatchId}: {What}")]
    private static partial void LogAccepted(ILogger logger, string batchId, string what);

    [LoggerMessage(2, LogLevel.Warning, "Batch message {MessageId} cannot run and goes to the poison queue: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string messageId, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Batch message {MessageId} (delivery {Delivery}) failed and will be tried again: {Error}")]
    private static partial void LogWillRetry(ILogger logger, string messageId, long delivery, string error);

    [LoggerMessage(4, LogLevel.Warning, "The batch queue cannot be read: {Error}")]
    private static partial void LogQueueUnreachable(ILogger logger, string error);
}
