using System.Text;
using System.Text.Json;
using Wand.Plumbing;
using Wand.Storage;

namespace Wand.Batch;

/// <summary>Writes a batch's report: a JSON line per job, in input order, and the summary counts beside it.</summary>
public sealed class WriteBatchReportActivity(ArtifactStore store) : IWandActivity<BatchReportRequest, BatchSummary>
{
    public async Task<BatchSummary> RunAsync(BatchReportRequest input, CancellationToken cancellationToken)
    {
        var lines = new StringBuilder();
        foreach (var result in input.Results)
        {
            lines.Append(JsonSerializer.Serialize(result, WandJson.OneLine)).Append('\n');
        }

        await store.PutTextAsync(BatchBlobNames.Report(input.BatchId), lines.ToString(), "application/x-ndjson", cancellationToken);
        var summary = BatchSummary.From(input.BatchId, input.Problem, input.Results);
        await store.PutJsonAsync(BatchBlobNames.Summary(input.BatchId), summary, cancellationToken);
        return summary;
    }
}
