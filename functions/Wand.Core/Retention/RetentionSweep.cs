using Azure.Storage.Queues;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wand.Batch;
using Wand.Repair;
using Wand.Storage;

namespace Wand.Retention;

/// <summary>
/// Removes what is older than <see cref="RetentionOptions.MaxAge"/>: each ended instance of the
/// task hub (repairs, batches, pull-request fixes) with its blobs, then cached evaluations,
/// webhook delivery markers and poison messages by their own age. Work that has not ended is
/// kept whatever its age. Idempotent: a sweep cut short is finished by the next, and several
/// processes may sweep one account.
/// </summary>
public sealed partial class RetentionSweep(ArtifactStore store, QueueServiceClient queues, IOptions<RetentionOptions> options, ILogger<RetentionSweep> logger)
{
    private static readonly OrchestrationRuntimeStatus[] Ended =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    /// <summary>Blobs kept for their own sake, not for an instance's: removed by their age.</summary>
    private static readonly string[] AgedPrefixes = ["cache/", "github/deliveries/"];

    /// <summary>Sweeps as of <paramref name="now"/>; returns what it removed.</summary>
    public async Task<RetentionResult> SweepAsync(DurableTaskClient client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return new RetentionResult(0, 0, 0);
        }

        var cutoff = now - options.Value.MaxAge;
        // Read the whole list first: purging while paging would move the pages under the reader.
        var old = new List<OrchestrationMetadata>();
        await foreach (var state in client.GetAllInstancesAsync(new OrchestrationQuery { CreatedTo = cutoff, Statuses = Ended }).WithCancellation(cancellationToken))
        {
            old.Add(state);
        }

        var blobs = 0;
        foreach (var state in old)
        {
            // Blobs first: a sweep cut short between the two finds the instance again next time.
            if (BlobPrefixOf(state) is { } prefix)
            {
                blobs += await store.DeleteAsync(prefix, null, cancellationToken);
            }

            await client.PurgeInstanceAsync(state.InstanceId, cancellation: cancellationToken);
        }

        foreach (var prefix in AgedPrefixes)
        {
            blobs += await store.DeleteAsync(prefix, cutoff, cancellationToken);
        }

        var poison = await DeletePoisonAsync(cutoff, cancellationToken);
        var result = new RetentionResult(old.Count, blobs, poison);
        LogSwept(logger, options.Value.MaxAge.TotalDays, result.Instances, result.Blobs, result.PoisonMessages);
        return result;
    }

    private static string? BlobPrefixOf(OrchestrationMetadata state) => state.Name switch
    {
        RepairOrchestrator.Name => JobBlobNames.Prefix(state.InstanceId),
        BatchOrchestrator.Name => BatchBlobNames.Prefix(BatchOrchestrator.BatchIdOf(state.InstanceId)),
        _ => null,
    };

    // The oldest messages come first; a look that finds none old enough ends the sweep. The
    // messages looked at and kept are made visible again at once.
    private async Task<int> DeletePoisonAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var queue = queues.GetQueueClient(BatchSettings.PoisonQueue);
        if (!await queue.ExistsAsync(cancellationToken))
        {
            return 0;
        }

        var deleted = 0;
        var kept = new List<Azure.Storage.Queues.Models.QueueMessage>();
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), cancellationToken)).Value;
            var old = messages.Where(m => m.InsertedOn < cutoff).ToList();
            foreach (var message in old)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            }

            deleted += old.Count;
            kept.AddRange(messages.Except(old));
            if (old.Count == 0)
            {
                break;
            }
        }

        foreach (var message in kept)
        {
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
        }

        return deleted;
    }

    [LoggerMessage(1, LogLevel.Information, "Retention ({Days} days): removed {Instances} ended instances, {Blobs} blobs and {Poison} poison messages")]
    private static partial void LogSwept(ILogger logger, double days, int instances, int blobs, int poison);
}

/// <summary>What a sweep removed.</summary>
public sealed record RetentionResult(int Instances, int Blobs, int PoisonMessages);
