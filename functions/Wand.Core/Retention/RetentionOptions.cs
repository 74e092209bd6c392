namespace Wand.Retention;

/// <summary>How long finished work is kept. Bound from <c>Wand:Retention</c>.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Wand:Retention";

    /// <summary>
    /// Repairs, batches and pull-request fixes that ended, their blobs, cached evaluations and the
    /// batch queue's poison messages are removed once they are older than this. Zero keeps everything.
    /// </summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often `wand serve` sweeps (the Functions app sweeps hourly, on its timer).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    public bool Enabled => MaxAge > TimeSpan.Zero;

    /// <summary>What is wrong with these options, or null.</summary>
    public string? Problem() =>
        MaxAge < TimeSpan.Zero ? $"{SectionName}:{nameof(MaxAge)} must be zero (keep everything) or more"
        : Interval < TimeSpan.FromMinutes(1) ? $"{SectionName}:{nameof(Interval)} must be at least a minute"
        : null;
}
