namespace Wand.Jobs;

/// <summary>What a job folder may hold; checked before any container exists.</summary>
public sealed record JobFolderLimits(int MaxFiles = 20_000, long MaxFileBytes = 10_000_000, long MaxTotalBytes = 200_000_000)
{
    public static JobFolderLimits Default { get; } = new();
}
