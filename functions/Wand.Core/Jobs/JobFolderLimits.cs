namespace Wand.Jobs;

/// <summary>What a job folder may hold; checked before any container exists.</summary>
public sealed record JobFolderLimits(int MaxFiles = 500, long MaxFileBytes = 1_000_000, long MaxTotalBytes = 10_000_000)
{
    public static JobFolderLimits Default { get; } = new();
}
