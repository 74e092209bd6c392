using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Wand.Batch;

namespace Wand.Functions.Batch;

/// <summary>
/// Batch repair: the queue trigger that takes batch messages, and the batch orchestrator and its
/// activities as Durable Functions, all thin adapters over Core. A message that can never run
/// goes to the poison queue with its reason; any other failure is retried by the Functions host
/// (five deliveries, then its own poison queue).
/// </summary>
public sealed partial class BatchFunctions(BatchIntake intake, PrepareBatchActivity prepare, WriteBatchReportActivity report, ILogger<BatchFunctions> logger)
{
    [Function("ReceiveBatch")]
    public async Task Receive([QueueTrigger(BatchSettings.Queue)] QueueMessage message, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var text = message.Body.ToString();
        try
        {
            var accepted = await intake.AcceptAsync(client, text, cancellationToken);
            LogAccepted(logger, accepted.BatchId, accepted.Duplicate);
        }
        catch (InvalidBatchException ex)
        {
            LogPoisoned(logger, message.MessageId, ex.Message);
            await intake.PoisonAsync(text, ex.Message, message.DequeueCount, cancellationToken);
        }
    }

    [Function(BatchOrchestrator.Name)]
    public static Task<BatchSummary> Run([OrchestrationTrigger] TaskOrchestrationContext context) =>
        BatchOrchestrator.RunAsync(context, context.GetInput<BatchRequest>()
            ?? throw new InvalidOperationException($"{BatchOrchestrator.Name} was started without a {nameof(BatchRequest)}"));

    [Function(BatchTasks.PrepareBatch)]
    public Task<BatchPlan> PrepareBatch([ActivityTrigger] BatchRequest input, CancellationToken cancellationToken) =>
        prepare.RunAsync(input, cancellationToken);

    [Function(BatchTasks.WriteBatchReport)]
    public Task<BatchSummary> WriteBatchReport([ActivityTrigger] BatchReportRequest input, CancellationToken cancellationToken) =>
        report.RunAsync(input, cancellationToken);

    [LoggerMessage(1, LogLevel.Information, "Batch {BatchId} accepted (already there: {Duplicate})")]
    private static partial void LogAccepted(ILogger logger, string batchId, bool duplicate);

    [LoggerMessage(2, LogLevel.Warning, "Batch message {MessageId} cannot run and goes to the poison queue: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string messageId, string reason);
}
