namespace Wand.Jobs;

/// <summary>
/// Reads a job folder from disk into a <see cref="Job"/>: its files (hidden folders,
/// build output, symbolic links and special files skipped), its <c>.wand.yml</c>, its language
/// (given, configured or detected) and its test command. Every file is read by
/// <see cref="JobFileReader"/>: never through a link, never a hard link, never past the limits.
/// </summary>
public static class JobFolder
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal) { "node_modules", "__pycache__" };

    // Hidden folders are tools' state (.git, .venv, .idea), except these, which configure the build:
    // cargo's (vendored sources), the Maven wrapper's, and .config (dotnet's local tools).
    private static readonly HashSet<string> BuildConfigDirectories = new(StringComparer.Ordinal) { ".cargo", ".mvn", ".config" };

    // Build output stays behind only where a build tool beside it makes it: elsewhere a folder of
    // that name is source (a JavaScript package's bin/cli.js, a Python package named build).
    private static readonly Dictionary<string, string[]> BuildOutputs = new(StringComparer.Ordinal)
    {
        ["bin"] = ["*.csproj", "*.fsproj", "*.vbproj"],
        ["obj"] = ["*.csproj", "*.fsproj", "*.vbproj"],
        ["target"] = ["Cargo.toml", "pom.xml"],
        ["build"] = ["build.gradle", "build.gradle.kts", "CMakeLists.txt", "setup.py", "pyproject.toml", "package.json"],
    };

    public static Job Load(string folder, string? language = null, JobFolderLimits? limits = null)
    {
        limits ??= JobFolderLimits.Default;
        if (!Directory.Exists(folder))
        {
            throw new InvalidJobException($"job folder '{folder}' does not exist");
        }

        var root = Path.GetFullPath(folder);
        var settings = JobSettings.Load(root);
        var files = new List<JobFile>();
        long total = 0;
        foreach (var path in EnumerateFiles(root))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (files.Count == limits.MaxFiles)
            {
                throw new InvalidJobException($"job folder '{folder}' holds more than {limits.MaxFiles} files");
            }

            // Sizes count as read, not as listed: a file may grow between the two.
            var content = JobFileReader.Read(path, $"file {InvalidJobException.Quote(relative)}", limits.MaxFileBytes);
            total += content.LongLength;
            if (total > limits.MaxTotalBytes)
            {
                throw new InvalidJobException($"job folder '{folder}' holds more than {limits.MaxTotalBytes:N0} bytes");
            }

            files.Add(new JobFile(relative, content));
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
            // Dotfiles travel (.mocharc.yml, .npmrc, .babelrc: tests and setups read them), but
            // .wand.yml (read above) and .env files (secrets, by convention); a symlink could point
            // anywhere on this machine; a FIFO, device or socket is no source file and reading
            // one may never end. None of those travels into the sandbox.
            if (!IsKeptBack(Path.GetFileName(file)) && JobFileStatus.Find(file) is { Kind: JobFileKind.Regular })
            {
                yield return file;
            }
        }

        foreach (var sub in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            var info = new DirectoryInfo(sub);
            if ((info.Name.StartsWith('.') && !BuildConfigDirectories.Contains(info.Name)) || SkippedDirectories.Contains(info.Name) || IsBuildOutput(directory, info.Name)
                || info.Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                continue;
            }

            foreach (var file in EnumerateFiles(sub))
            {
                yield return file;
            }
        }
    }

    private static bool IsKeptBack(string name) =>
        name is JobSettings.FileName or ".env" or ".DS_Store" || name.StartsWith(".env.", StringComparison.Ordinal);

    private static bool IsBuildOutput(string parent, string name) =>
        BuildOutputs.TryGetValue(name, out var makers) && makers.Any(m => Directory.EnumerateFiles(parent, m).Any());
}
