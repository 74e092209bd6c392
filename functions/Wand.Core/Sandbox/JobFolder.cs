namespace Wand.Sandbox;

/// <summary>
/// Reads a job folder from disk into a <see cref="SandboxJob"/>: its files (hidden folders
/// and build output skipped), its language (given, or detected) and its test command.
/// </summary>
public static class JobFolder
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal)
    {
        ".git", ".wand", "node_modules", "bin", "obj", "target", "__pycache__", ".pytest_cache", "build",
    };

    public static SandboxJob Load(string folder, string? language = null, JobFolderLimits? limits = null)
    {
        limits ??= JobFolderLimits.Default;
        if (!Directory.Exists(folder))
        {
            throw new JobFolderException($"job folder '{folder}' does not exist");
        }

        var root = Path.GetFullPath(folder);
        var files = new List<JobFile>();
        long total = 0;
        foreach (var path in EnumerateFiles(root))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            var size = new FileInfo(path).Length;
            if (size > limits.MaxFileBytes)
            {
                throw new JobFolderException($"file '{relative}' is {size:N0} bytes; the limit is {limits.MaxFileBytes:N0}");
            }

            total += size;
            if (total > limits.MaxTotalBytes)
            {
                throw new JobFolderException($"job folder '{folder}' holds more than {limits.MaxTotalBytes:N0} bytes");
            }

            if (files.Count == limits.MaxFiles)
            {
                throw new JobFolderException($"job folder '{folder}' holds more than {limits.MaxFiles} files");
            }

            files.Add(new JobFile(relative, File.ReadAllBytes(path)));
        }

        if (files.Count == 0)
        {
            throw new JobFolderException($"job folder '{folder}' is empty");
        }

        var profile = language is null
            ? LanguageProfile.Detect(files.Select(f => f.Path))
                ?? throw new JobFolderException($"cannot tell the language of '{folder}': no source files of a known language ({string.Join(", ", LanguageProfile.All.Select(p => p.Name))}); pass --language")
            : LanguageProfile.Find(language)
                ?? throw new JobFolderException($"unknown language '{language}'; known: {string.Join(", ", LanguageProfile.All.Select(p => p.Name))}");

        return new SandboxJob(files, profile, profile.DefaultTestCommand, TimeSpan.FromSeconds(60));
    }

    private static IEnumerable<string> EnumerateFiles(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            // A symlink could point anywhere on this machine; only real files travel.
            if (!new FileInfo(file).Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                yield return file;
            }
        }

        foreach (var sub in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            var info = new DirectoryInfo(sub);
            if (SkippedDirectories.Contains(info.Name) || info.Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                continue;
            }

            foreach (var file in EnumerateFiles(sub))
            {
                yield return file;
            }
        }
    }
}
