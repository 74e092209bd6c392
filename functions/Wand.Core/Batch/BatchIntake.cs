using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Wand.Plumbing;
using Wand.Storage;

namespace Wand.Batch;

/// <summary>The batch an accepted message names, and whether it was there already (a message delivered twice).</summary>
public sealed record BatchAccepted(string BatchId, string InstanceId, bool Duplicate);

/// <summary>
/// Takes batch messages off the queue for both hosts: checks a message, schedules its
/// <see cref="BatchOrchestrator"/> once per batch id, and records a message that can never run
/// in the poison queue with the reason. The Functions app calls it from a queue trigger,
/// `wand serve` from its queue listener.
/// </summary>
public sealed class BatchIntake(ArtifactStore store, QueueServiceClient queues, IOptions<BatchSettings> settings)
{
    /// <summary>
    /// Schedules the batch <paramref name="text"/> names, unless it is already there. Throws
    /// <see cref="InvalidBatchException"/> for a message that can never run; any other exception
    /// is worth trying again.
    /// </summary>
    public async Task<BatchAccepted> AcceptAsync(DurableTaskClient client, string text, CancellationToken cancellationToken)
    {
        var json = BatchMessage.Decoded(text);
        var message = BatchMessage.Parse(json, settings.Value);
        var batchId = message.BatchIdOr(json);
        var instanceId = BatchOrchestrator.InstanceId(batchId);
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            return new BatchAccepted(batchId, instanceId, Duplicate: true);
        }

        string blob;
        if (message.Jobs is { } jobs)
        {
            // One line per job: a job written over several lines in the message is written on one here.
            blob = BatchBlobNames.Jobs(batchId);
            await store.PutTextAsync(blob, string.Join('\n', jobs.Select(j => JsonSerializer.Serialize(j))) + "\n", "application/x-ndjson", cancellationToken);
        }
        else
        {
            blob = message.Blob!;
            if (!await store.ExistsAsync(blob, cancellationToken))
            {
                throw new InvalidBatchException($"the batch's blob '{blob}' does not exist in the artifact container '{store.ContainerName}'");
            }
        }

        await client.ScheduleNewOrchestrationInstanceAsync(BatchOrchestrator.Name,
            new BatchRequest(batchId, blob, message.Parallelism ?? settings.Value.Parallelism), new StartOrchestrationOptions(instanceId), cancellationToken);
        return new BatchAccepted(batchId, instanceId, Duplicate: false);
    }

    /// <summary>Puts a message that cannot run into the poison queue, with why, so nothing is lost and the queue moves on.</summary>
    public async Task PoisonAsync(string text, string reason, long deliveries, CancellationToken cancellationToken)
    {
        var poison = queues.GetQueueClient(BatchSettings.PoisonQueue);
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var record = new PoisonedMessage(reason, text, deliveries, DateTime.UtcNow);
        await poison.SendMessageAsync(JsonSerializer.Serialize(record, WandJson.OneLine), cancellationToken);
    }
}

/// <summary>A message in the poison queue: the original text, and why it was put there.</summary>
public sealed record PoisonedMessage(string Reason, string Message, long Deliveries, DateTime AtUtc);
