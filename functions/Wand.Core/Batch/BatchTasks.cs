namespace Wand.Batch;

/// <summary>The names of the batch's activities (the Durable Task names both hosts register).</summary>
public static class BatchTasks
{
    public const string PrepareBatch = "PrepareBatch";
    public const string WriteBatchReport = "WriteBatchReport";
}
