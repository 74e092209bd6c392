namespace Wand.Jobs;

/// <summary>A file of a job, by its path relative to the job folder (forward slashes).</summary>
public sealed record JobFile(string Path, byte[] Content);

/// <summary>What the sandbox runs: the files, the language whose image runs them, and the test command.</summary>
/// <param name="Files">The job's files, with relative paths.</param>
/// <param name="Language">Which image runs them and how its reports read.</param>
/// <param name="TestCommand">A shell command run in /work; <c>wand-test</c> unless the job says otherwise.</param>
/// <param name="Timeout">Wall-clock limit of the test command.</param>
/// <param name="Editable">Globs of the files a repair may change (empty: decided by the repair).</param>
public sealed record Job(
    IReadOnlyList<JobFile> Files,
    LanguageProfile Language,
    string TestCommand,
    TimeSpan Timeout,
    IReadOnlyList<string> Editable)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>What the code should do, in words, for a repair's generator (from <c>.wand.yml</c>'s <c>task</c>).</summary>
    public string? Task { get; init; }

    /// <summary>How a repair of this job proposes candidates (search, llm or hybrid; from <c>.wand.yml</c>'s <c>generator</c>); null: the repair decides.</summary>
    public string? Generator { get; init; }

    /// <summary>What the runs need besides the files and the language's image (<c>.wand.yml</c>'s <c>setup</c>, <c>image</c>); null: the language's image as it is.</summary>
    public JobEnvironment? Environment { get; init; }

    /// <summary>Memory and CPUs the job asks for (capped by the operator's limits); null: the sandbox's defaults.</summary>
    public JobResources? Resources { get; init; }

    /// <summary>
    /// A file the run leaves in its <c>.wand/</c> that comes back as <see cref="Sandbox.SandboxResult.ExtraReport"/>
    /// (Wand's own instrumented runs, such as the coverage trace: larger than the output a run keeps); never stored with the job.
    /// </summary>
    public string? ExtraReport { get; init; }

    /// <summary>A monorepo's sub-project (<c>.wand.yml</c>'s <c>root</c>): the test command runs there, and by default only its files are editable; null: the job's top.</summary>
    public string? Root { get; init; }

    public static Job Create(IReadOnlyList<JobFile> files, LanguageProfile language) =>
        new(files, language, LanguageProfile.DefaultTestCommand, DefaultTimeout, []);

    /// <summary>
    /// Checks what a job may hold before any container exists: relative paths inside the job,
    /// within the limits, and not empty. Throws <see cref="InvalidJobException"/> naming the problem.
    /// </summary>
    public void Validate(JobFolderLimits limits)
    {
        if (Files.Count == 0)
        {
            throw new InvalidJobException("the job has no files");
        }

        ValidateFiles(limits);
        if (EditableGlobs.Problem(Editable) is { } editable)
        {
            throw new InvalidJobException(editable);
        }

        if ((Environment?.Problem(Files) ?? Resources?.Problem()) is { } setting)
        {
            throw new InvalidJobException(setting);
        }

        if (Root is { } root && !Files.Any(f => f.Path.StartsWith(root + "/", StringComparison.Ordinal)))
        {
            throw new InvalidJobException($"root {InvalidJobException.Quote(root)} holds none of the job's files");
        }

        if (string.IsNullOrWhiteSpace(TestCommand))
        {
            throw new InvalidJobException("the test command is empty");
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromSeconds(JobSettings.MaxTimeoutSeconds))
        {
            throw new InvalidJobException($"the timeout must be between 1 and {JobSettings.MaxTimeoutSeconds} seconds");
        }
    }

    // Paths, sizes and counts, and a layout that can be written out (no path both a file and a folder).
    private void ValidateFiles(JobFolderLimits limits)
    {
        if (Files.Count > limits.MaxFiles)
        {
            throw new InvalidJobException($"the job has {Files.Count} files; the limit is {limits.MaxFiles}");
        }

        long total = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Files)
        {
            ValidatePath(file.Path);
            if (!seen.Add(file.Path))
            {
                throw new InvalidJobException($"file {InvalidJobException.Quote(file.Path)} appears twice");
            }

            if (file.Content.LongLength > limits.MaxFileBytes)
            {
                throw new InvalidJobException($"file {InvalidJobException.Quote(file.Path)} is {file.Content.LongLength:N0} bytes; the limit is {limits.MaxFileBytes:N0}");
            }

            total += file.Content.LongLength;
        }

        if (total > limits.MaxTotalBytes)
        {
            throw new InvalidJobException($"the job's files hold {total:N0} bytes; the limit is {limits.MaxTotalBytes:N0}");
        }

        var folders = FoldersOf(seen);
        if (seen.FirstOrDefault(folders.Contains) is { } both)
        {
            throw new InvalidJobException($"{InvalidJobException.Quote(both)} is both a file and a folder of the job");
        }
    }

    /// <summary>Every folder the paths lie in (for <c>a/b/c.py</c>: <c>a</c> and <c>a/b</c>).</summary>
    internal static HashSet<string> FoldersOf(IEnumerable<string> paths)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
            {
                folders.Add(path[..slash]);
            }
        }

        return folders;
    }

    internal static void ValidatePath(string path)
    {
        var quoted = InvalidJobException.Quote(path);
        if (path.Length == 0 || path.Length > 255)
        {
            throw new InvalidJobException($"file path {quoted} must be 1 to 255 characters");
        }

        if (path.StartsWith('/') || path.Contains('\\', StringComparison.Ordinal) || (path.Length > 1 && path[1] == ':'))
        {
            throw new InvalidJobException($"file path {quoted} must be relative, with forward slashes");
        }

        var segments = path.Split('/');
        if (segments.Any(s => s is "" or "." or ".."))
        {
            throw new InvalidJobException($"file path {quoted} must stay inside the job (no '..', '.' or empty segments)");
        }

        if (segments[0] == ".wand")
        {
            throw new InvalidJobException($"file path {quoted} is inside .wand/, which the sandbox keeps for its reports");
        }

        if (path.Any(c => char.IsControl(c)))
        {
            throw new InvalidJobException($"file path {quoted} contains control characters");
        }
    }
}
