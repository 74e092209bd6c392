namespace Wand.Jobs;

/// <summary>
/// What a job's runs need besides its files and the language's image (<c>.wand.yml</c>'s
/// <c>image</c>, <c>setup</c> and <c>setupFiles</c>): the setup commands run once, with network,
/// in a builder container from <see cref="Image"/> (or the language's image), and what they left
/// becomes an environment image every run of the job starts from, with no network. The image is
/// known by a hash of its base, the commands and <see cref="FilesRead"/>: the only job files the
/// builder sees, so the same inputs always give the same environment and a changed lockfile a new one.
/// </summary>
/// <param name="Image">The base: an image on the Docker host, or the path of a Dockerfile in the job; null for the language's image.</param>
/// <param name="Setup">Shell commands run in order in the job's folder, as root, with network; the first that fails ends the setup.</param>
/// <param name="SetupFiles">Globs of the files the setup reads; null for <see cref="DefaultSetupFiles"/>.</param>
public sealed record JobEnvironment(string? Image, IReadOnlyList<string> Setup, IReadOnlyList<string>? SetupFiles = null)
{
    public const int MaxCommands = 50;

    public const int MaxCommandLength = 4000;

    /// <summary>
    /// The manifests and lockfiles each ecosystem's install step reads, by file name at any depth:
    /// npm, pip and Poetry, NuGet and MSBuild, Maven and Gradle (with their wrappers), Go modules, Cargo, Bundler.
    /// </summary>
    public static IReadOnlyList<string> DefaultSetupFiles { get; } =
    [
        "**/package.json", "**/package-lock.json", "**/npm-shrinkwrap.json", "**/yarn.lock", "**/pnpm-lock.yaml", "**/.npmrc",
        "**/requirements*.txt", "**/constraints*.txt", "**/pyproject.toml", "**/setup.py", "**/setup.cfg", "**/Pipfile", "**/Pipfile.lock", "**/poetry.lock",
        "**/*.csproj", "**/*.fsproj", "**/*.vbproj", "**/*.sln", "**/*.slnx", "**/packages.lock.json", "**/Directory.Build.props",
        "**/Directory.Build.targets", "**/Directory.Packages.props", "**/global.json", "**/nuget.config", "**/NuGet.Config",
        "**/pom.xml", "**/build.gradle", "**/build.gradle.kts", "**/settings.gradle", "**/settings.gradle.kts", "**/gradle.properties",
        "**/gradle/wrapper/gradle-wrapper.properties", "**/gradle/wrapper/gradle-wrapper.jar", "**/gradlew", "**/mvnw", "**/.mvn/**", "**/go.mod", "**/go.sum", "**/Cargo.toml", "**/Cargo.lock",
        "**/rust-toolchain", "**/rust-toolchain.toml", "**/Gemfile", "**/Gemfile.lock",
    ];

    /// <summary>Whether <see cref="Image"/> names a Dockerfile of the job rather than an image on the Docker host.</summary>
    public bool ImageIsDockerfile(IReadOnlyList<JobFile> files) => Image is { } image && files.Any(f => f.Path == image);

    /// <summary>The job files the setup (and a Dockerfile <see cref="Image"/>) may read, in path order.</summary>
    public IReadOnlyList<JobFile> FilesRead(IReadOnlyList<JobFile> files)
    {
        var globs = SetupFiles ?? DefaultSetupFiles;
        return [.. files
            .Where(f => f.Path == Image || globs.Any(g => Glob.IsMatch(g, f.Path)))
            .OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    /// <summary>What is wrong with this environment for a job of <paramref name="files"/>, or null.</summary>
    public string? Problem(IReadOnlyList<JobFile> files) =>
        SetupProblem() ?? (Image is null || ImageIsDockerfile(files) || ImageReference.IsValid(Image)
            ? null
            : $"image {InvalidJobException.Quote(Image)} is neither a file of the job (a Dockerfile) nor an image name such as 'wand-sandbox-node' or 'registry.example.com/team/node:20'");

    /// <summary>What is wrong with the commands and the globs, whatever the job's files, or null.</summary>
    public string? SetupProblem()
    {
        if (Setup.Count > MaxCommands)
        {
            return $"setup has {Setup.Count} commands; the limit is {MaxCommands}";
        }

        for (var i = 0; i < Setup.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Setup[i]) || Setup[i].Length > MaxCommandLength || Setup[i].Contains('\0', StringComparison.Ordinal))
            {
                return $"setup[{i}] must be a command of 1 to {MaxCommandLength} characters";
            }
        }

        return SetupFiles is null ? null : EditableGlobs.Problem(SetupFiles, "setupFiles");
    }
}

/// <summary>How much of the machine one run of the job may use (<c>.wand.yml</c>'s <c>memoryMb</c> and <c>cpus</c>); the operator's limits cap both.</summary>
public sealed record JobResources(int? MemoryMegabytes, double? Cpus)
{
    public const int MinMemoryMegabytes = 64;
    public const int MaxMemoryMegabytes = 65536;
    public const double MaxCpus = 64;

    /// <summary>What is wrong with the values, or null.</summary>
    public string? Problem() =>
        MemoryMegabytes is < MinMemoryMegabytes or > MaxMemoryMegabytes ? $"memoryMb must be from {MinMemoryMegabytes} to {MaxMemoryMegabytes}"
        : Cpus is { } cpus && !(cpus is > 0 and <= MaxCpus) ? $"cpus must be more than 0 and at most {MaxCpus}"
        : null;
}
