namespace Wand.Jobs;

/// <summary>What a job may hold, as the operator sets it (<c>Wand:Jobs</c>); checked at start-up.</summary>
public sealed class JobLimitsOptions
{
    public const string SectionName = "Wand:Jobs";

    /// <summary>Files of one job (a repository's, not counting .git, dependency folders and build output).</summary>
    public int MaxFiles { get; set; } = JobFolderLimits.Default.MaxFiles;

    /// <summary>Bytes of one file.</summary>
    public long MaxFileBytes { get; set; } = JobFolderLimits.Default.MaxFileBytes;

    /// <summary>Bytes of all of a job's files.</summary>
    public long MaxTotalBytes { get; set; } = JobFolderLimits.Default.MaxTotalBytes;

    public JobFolderLimits Limits => new(MaxFiles, MaxFileBytes, MaxTotalBytes);

    /// <summary>What is wrong with the settings, naming the setting, or null.</summary>
    public string? Problem() =>
        MaxFiles < 1 ? $"{SectionName}:{nameof(MaxFiles)} is {MaxFiles}; it must be at least 1"
        : MaxFileBytes < 1 ? $"{SectionName}:{nameof(MaxFileBytes)} is {MaxFileBytes}; it must be at least 1"
        : MaxTotalBytes < MaxFileBytes ? $"{SectionName}:{nameof(MaxTotalBytes)} is {MaxTotalBytes}; it must be at least {nameof(MaxFileBytes)} ({MaxFileBytes})"
        : null;
}
