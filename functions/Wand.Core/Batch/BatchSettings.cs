namespace Wand.Batch;

/// <summary>Batch repair settings (section <c>Wand:Batch</c>): how many jobs of a batch run at once, and how the queue is read.</summary>
public sealed class BatchSettings
{
    public const string SectionName = "Wand:Batch";

    /// <summary>The storage queue batch messages arrive on; malformed ones go to <see cref="PoisonQueue"/>.</summary>
    public const string Queue = "wand-batches";

    /// <summary>Azure Functions' name for the queue it moves failed messages to; `wand serve` uses it too.</summary>
    public const string PoisonQueue = Queue + "-poison";

    /// <summary>Jobs of one batch that run at once, unless the message asks for another number.</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>The most a message may ask for.</summary>
    public int MaxParallelism { get; set; } = 16;

    /// <summary>The most jobs one batch may hold.</summary>
    public int MaxJobs { get; set; } = 1000;

    /// <summary>`wand serve`: how long the listener waits when the queue was empty.</summary>
    public double PollSeconds { get; set; } = 1;

    /// <summary>A message delivered this many times without being scheduled goes to the poison queue (Functions' default is 5).</summary>
    public int MaxDeliveries { get; set; } = 5;

    public string? Problem() =>
        Parallelism < 1 || MaxParallelism < Parallelism ? $"Parallelism must be between 1 and MaxParallelism ({MaxParallelism}); got {Parallelism}"
        : MaxJobs < 1 ? $"MaxJobs must be positive; got {MaxJobs}"
        : PollSeconds is <= 0 or > 60 ? $"PollSeconds must be above 0 and at most 60; got {PollSeconds}"
        : MaxDeliveries < 1 ? $"MaxDeliveries must be positive; got {MaxDeliveries}"
        : null;
}
