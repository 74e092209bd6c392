namespace Wand.Jobs;

/// <summary>
/// A job as it is stored for a repair (<c>jobs/{jobId}/job.json</c>): the files and settings
/// of a <see cref="Job"/>, with the language by name so the blob reads back anywhere.
/// </summary>
public sealed record StoredJob(
    string Language,
    string TestCommand,
    int TimeoutSeconds,
    IReadOnlyList<string> Editable,
    string? Task,
    IReadOnlyList<JobFile> Files,
    JobEnvironment? Environment = null,
    JobResources? Resources = null,
    string? Root = null)
{
    public static StoredJob From(Job job) => new(
        job.Language.Name, job.TestCommand, (int)Math.Ceiling(job.Timeout.TotalSeconds), job.Editable, job.Task, job.Files, job.Environment, job.Resources, job.Root);

    /// <summary>The sandbox job with <paramref name="files"/> (a candidate's) in place of the job's own.</summary>
    public Job ToJob(IReadOnlyList<JobFile>? files = null) => new(
        files ?? Files,
        LanguageProfile.Find(Language) ?? throw new InvalidJobException($"unknown language '{Language}'; known: {LanguageProfile.KnownNames}"),
        TestCommand,
        TimeSpan.FromSeconds(TimeoutSeconds),
        Editable)
    { Task = Task, Environment = Environment, Resources = Resources, Root = Root };
}
