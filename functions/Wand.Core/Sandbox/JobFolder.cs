namespace Wand.Sandbox;

/// <summary>
/// Reads a job folder from disk into a <see cref="SandboxJob"/>: its files (hidden folders,
/// build output and symlinks skipped), its <c>.wand.yml</c>, its language (given, configured
/// or detected) and its test command.
/// </summary>
public static class JobFolder
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal)
    {
        "node_modules", "bin", "obj", "target", "__pycache__", "build",
    };

    public static SandboxJob Load(string folder, string? language = null, JobFolderLimits? limits = null)
    {
        limits ??= JobFolderLimits.Default;
        if (!Directory.Exists(folder))
        {
            throw new InvalidJobException($"job folder '{folder}' does not exist");
        }

        var root = Path.GetFullPath(folder);
        var settingsPath = Path.Combine(root, JobSettings.FileName);
        var settings = File.Exists(settingsPath) ? JobSettings.Parse(File.ReadAllText(settingsPath)) : JobSettings.None;

        var files = new List<JobFile>();
        long total = 0;
        foreach (var path in EnumerateFiles(root))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            var size = new FileInfo(path).Length;
            if (size > limits.MaxFileBytes)
            {
                throw new InvalidJobException($"file '{relative}' is {size:N0} bytes; the limit is {limits.MaxFileBytes:N0}");
            }

            total += size;
            if (total > limits.MaxTotalBytes)
            {
                throw new InvalidJobException($"job folder '{folder}' holds more than {limits.MaxTotalBytes:N0} bytes");
            }

            if (files.Count == limits.MaxFiles)
            {
                throw new InvalidJobException($"job folder '{folder}' holds more than {limits.MaxFiles} files");
            }

            files.Add(new JobFile(relative, File.ReadAllBytes(path)));
        }

        if (files.Count == 0)
        {
            throw new InvalidJobException($"job folder '{folder}' is empty");
        }

        return settings.ToJob(files, language ?? settings.Language,
            $"cannot tell the language of '{folder}': no source files of a known language ({LanguageProfile.KnownNames}); pass --language or set language in {JobSettings.FileName}",
            limits);
    }

    private static IEnumerable<string> EnumerateFiles(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            // Dotfiles (.wand.yml, .gitignore) are settings, not code; a symlink could point
            // anywhere on this machine. Neither travels into the sandbox.
            var info = new FileInfo(file);
            if (!info.Name.StartsWith('.') && !info.Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                yield return file;
            }
        }

        foreach (var sub in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            var info = new DirectoryInfo(sub);
            if (info.Name.StartsWith('.') || SkippedDirectories.Contains(info.Name) || info.Attributes.HasFlag(FileAttributes.ReparsePoint))
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
