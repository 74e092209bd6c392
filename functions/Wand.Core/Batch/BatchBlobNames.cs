namespace Wand.Batch;

/// <summary>Where a batch's blobs live in the artifact container, all under <c>batches/{batchId}/</c>; each job's own are under <c>jobs/{jobId}/</c>.</summary>
public static class BatchBlobNames
{
    /// <summary>The jobs of a batch whose message carried them inline, one JSON job per line.</summary>
    /// <summary>Every blob the batch wrote is under this.</summary>
    public static string Prefix(string batchId) => $"batches/{batchId}/";

    public static string Jobs(string batchId) => $"batches/{batchId}/jobs.jsonl";

    /// <summary>One line per job of the batch, in the order of its input lines.</summary>
    public static string Report(string batchId) => $"batches/{batchId}/report.jsonl";

    public static string Summary(string batchId) => $"batches/{batchId}/summary.json";

    /// <summary>The job id of the batch's job on input line <paramref name="line"/>: batch ids have no dots, so no two batches share one.</summary>
    public static string JobId(string batchId, int line) => $"batch-{batchId}.{line}";
}
