using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wand.Batch;

namespace Wand.Cli.Serve;

/// <summary>
/// `wand serve`'s queue trigger: reads batch messages off the storage queue and hands each to
/// <see cref="BatchIntake"/>, as the Functions app's queue trigger does. A message is deleted once
/// its batch is scheduled (or found already there); one that can never run goes to the poison
/// queue with its reason; one that fails for another reason (storage down, say) comes back after
/// its visibility timeout, and after <see cref="BatchSettings.MaxDeliveries"/> deliveries goes to
/// the poison queue with the last error. Nothing stops the listener but the host stopping.
/// </summary>
public sealed partial class BatchQueueListener(
    BatchIntake intake, QueueServiceClient queues, DurableTaskClient client, IOptions<BatchSettings> settings, ILogger<BatchQueueListener> logger)
    : BackgroundService
{
    /// <summary>How long a message stays hidden while it is handled; a failed one is seen again after this.</summary>
    internal static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, string> _lastErrors = new(StringComparer.Ordinal);

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
                QueueMessage[] messages = (await queue.ReceiveMessagesAsync(16, VisibilityTimeout, stoppingToken)).Value;
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
                var last = _lastErrors.TryRemove(message.MessageId, out var error) ? error : "not known (the listener restarted)";
                await PoisonAsync(queue, message, $"delivered {message.DequeueCount - 1} times without being scheduled; the last error: {last}", cancellationToken);
                return;
            }

            var accepted = await intake.AcceptAsync(client, text, cancellationToken);
            LogAccepted(logger, accepted.BatchId, accepted.Duplicate ? "already there (a message delivered twice)" : "scheduled");
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            _lastErrors.TryRemove(message.MessageId, out _);
        }
        catch (InvalidBatchException ex)
        {
            await PoisonAsync(queue, message, ex.Message, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Left on the queue: it is seen again after its visibility timeout.
            _lastErrors[message.MessageId] = ex.Message;
            LogWillRetry(logger, message.MessageId, message.DequeueCount, ex.Message);
        }
    }

    private async Task PoisonAsync(QueueClient queue, QueueMessage message, string reason, CancellationToken cancellationToken)
    {
        LogPoisoned(logger, message.MessageId, reason);
        await intake.PoisonAsync(message.Body.ToString(), reason, message.DequeueCount, cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
    }

    [LoggerMessage(1, LogLevel.Information, "Batch {BatchId}: {What}")]
    private static partial void LogAccepted(ILogger logger, string batchId, string what);

    [LoggerMessage(2, LogLevel.Warning, "Batch message {MessageId} cannot run and goes to the poison queue: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string messageId, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Batch message {MessageId} (delivery {Delivery}) failed and will be tried again: {Error}")]
    private static partial void LogWillRetry(ILogger logger, string messageId, long delivery, string error);

    [LoggerMessage(4, LogLevel.Warning, "The batch queue cannot be read: {Error}")]
    private static partial void LogQueueUnreachable(ILogger logger, string error);
}
