using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Wand.Jobs;

/// <summary>
/// A job folder's optional <c>.wand.yml</c>:
/// <code>
/// language: python            # detected from the files when absent
/// test: python3 -m pytest -x  # the test command; each image's `wand-test` when absent
/// editable: ["src/**/*.py"]   # files a repair may change; every non-test source when absent
/// timeoutSeconds: 60          # wall-clock limit of one run
/// task: "median of a list"    # what the code should do, told to the repair's generator
/// generator: search           # how a repair proposes candidates: search, llm or hybrid
/// setup: npm ci               # commands run once, with network, into an environment image (a list, or one command)
/// image: ci/wand.Dockerfile   # what the setup starts from: a Dockerfile of the job, or an image; the language's image when absent
/// setupFiles: ["package*.json"] # the files the setup reads (its image's key); each ecosystem's manifests and lockfiles when absent
/// memoryMb: 2048              # memory of one run; cpus: 2 for its CPUs (both capped by the operator's limits)
/// root: packages/core         # a monorepo's sub-project: the tests run there, and only its files are editable by default
/// push: plausible             # pull requests: push fixes Wand is not sure of too (default likely-correct: those only; the rest are suggested)
/// </code>
/// Unknown keys are an error that names them, so a typo never silently does nothing.
/// </summary>
public sealed record JobSettings(string? Language, string? Test, IReadOnlyList<string> Editable, int? TimeoutSeconds, string? Task = null, string? Generator = null)
{
    public const string FileName = ".wand.yml";

    public const int MaxTimeoutSeconds = 1800;

    /// <summary>The most a <c>.wand.yml</c> may hold: settings are a few lines, and nothing larger is read.</summary>
    public const int MaxFileBytes = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly string[] Keys = ["language", "test", "editable", "timeoutSeconds", "task", "generator", "setup", "image", "setupFiles", "memoryMb", "cpus", "root", "push"];

    public static JobSettings None { get; } = new(null, null, [], null);

    /// <summary>The setup and its image (<c>setup</c>, <c>image</c>, <c>setupFiles</c>); null when none is given.</summary>
    public JobEnvironment? Environment { get; init; }

    /// <summary>The run's memory and CPUs (<c>memoryMb</c>, <c>cpus</c>); null when neither is given.</summary>
    public JobResources? Resources { get; init; }

    /// <summary>The sub-project the tests run in (<c>root</c>), relative to the job; null for the job's own top.</summary>
    public string? Root { get; init; }

    /// <summary>A pull request's fix labelled plausible is pushed like a likely-correct one (<c>push: plausible</c>); false: it is only suggested.</summary>
    public bool PushPlausible { get; init; }

    /// <summary>Whether <paramref name="folder"/> has a <c>.wand.yml</c> of any kind (a link or a FIFO counts: reading it then says what is wrong).</summary>
    public static bool IsIn(string folder) => JobFileStatus.Find(Path.Combine(folder, FileName)) is not null;

    /// <summary>
    /// The settings of the job in <paramref name="folder"/>: its <c>.wand.yml</c> read as
    /// <see cref="JobFileReader"/> reads job files (a regular file with one name, at most
    /// <see cref="MaxFileBytes"/>), or <see cref="None"/> when it has none.
    /// </summary>
    public static JobSettings Load(string folder)
    {
        if (!IsIn(folder))
        {
            return None;
        }

        var bytes = JobFileReader.Read(Path.Combine(folder, FileName), FileName, MaxFileBytes);
        try
        {
            return Parse(StrictUtf8.GetString(bytes));
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidJobException($"{FileName} is not UTF-8 text");
        }
    }

    /// <summary>
    /// The job these settings describe for <paramref name="files"/>: the language named by
    /// <paramref name="language"/> (or detected from the files; <paramref name="undetected"/> is the
    /// error when it cannot be), the test command, time limit, editable globs, task and generator,
    /// validated against <paramref name="limits"/>. Job folders and submitted jobs both end here.
    /// </summary>
    public Job ToJob(IReadOnlyList<JobFile> files, string? language, string undetected, JobFolderLimits limits)
    {
        var inRoot = files.Select(f => f.Path).Where(p => Root is null || p.StartsWith(Root + "/", StringComparison.Ordinal)).ToList();
        if (inRoot.Count == 0 && Root is not null)
        {
            throw new InvalidJobException($"root {InvalidJobException.Quote(Root)} holds none of the job's files");
        }

        var profile = language is null
            ? LanguageProfile.Detect(inRoot) ?? throw new InvalidJobException(undetected)
            : LanguageProfile.Find(language) ?? throw new InvalidJobException($"unknown language {InvalidJobException.Quote(language)}; known: {LanguageProfile.KnownNames}");
        var job = new Job(
            files,
            profile,
            Test ?? LanguageProfile.DefaultTestCommand,
            TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : Job.DefaultTimeout,
            Editable)
        { Task = Task, Generator = Generator, Environment = Environment, Resources = Resources, Root = Root };
        job.Validate(limits);
        return job;
    }

    public static JobSettings Parse(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new InvalidJobException($"{FileName} is not valid YAML (line {ex.Start.Line}): {ex.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return None;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InvalidJobException($"{FileName} must be a mapping of keys ({string.Join(", ", Keys)})");
        }

        var values = root.Children.ToDictionary(e => Scalar(e.Key, "key") ?? "", e => e.Value, StringComparer.Ordinal);
        var unknown = values.Keys.Where(k => !Keys.Contains(k, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidJobException(
                $"{FileName} has unknown key{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(InvalidJobException.Quote))}; known keys: {string.Join(", ", Keys)}");
        }

        return new JobSettings(
            values.TryGetValue("language", out var language) ? Scalar(language, "language") : null,
            values.TryGetValue("test", out var test) ? Scalar(test, "test") : null,
            values.TryGetValue("editable", out var editable) ? Globs(editable) : [],
            values.TryGetValue("timeoutSeconds", out var timeout) ? Timeout(timeout) : null,
            values.TryGetValue("task", out var task) ? Scalar(task, "task") : null,
            values.TryGetValue("generator", out var generator) ? GeneratorName(generator) : null)
        {
            Environment = EnvironmentOf(values),
            Root = values.TryGetValue("root", out var rootNode) ? RootOf(rootNode) : null,
            PushPlausible = values.TryGetValue("push", out var push) && PushOf(push),
            Resources = values.ContainsKey("memoryMb") || values.ContainsKey("cpus")
                ? new JobResources(
                    values.TryGetValue("memoryMb", out var memory) ? WholeNumber(memory, "memoryMb", JobResources.MinMemoryMegabytes, JobResources.MaxMemoryMegabytes) : null,
                    values.TryGetValue("cpus", out var cpus) ? Cpus(cpus) : null)
                : null,
        };
    }

    private static JobEnvironment? EnvironmentOf(Dictionary<string, YamlNode> values)
    {
        if (!values.ContainsKey("setup") && !values.ContainsKey("image"))
        {
            return values.ContainsKey("setupFiles")
                ? throw new InvalidJobException($"{FileName}: 'setupFiles' says what 'setup' reads, and there is no 'setup' or 'image'")
                : null;
        }

        var setup = values.TryGetValue("setup", out var commands) ? List(commands, "setup") : [];
        var image = values.TryGetValue("image", out var name) ? Scalar(name, "image") : null;
        if (setup.Any(string.IsNullOrWhiteSpace) || (values.ContainsKey("image") && string.IsNullOrWhiteSpace(image)))
        {
            throw new InvalidJobException($"{FileName}: 'setup' commands and 'image' must not be empty");
        }

        var environment = new JobEnvironment(image, setup, values.TryGetValue("setupFiles", out var files) ? List(files, "setupFiles") : null);
        return environment.SetupProblem() is { } problem ? throw new InvalidJobException($"{FileName}: {problem}") : environment;
    }

    private static bool PushOf(YamlNode node) => Scalar(node, "push") switch
    {
        "likely-correct" => false,
        "plausible" => true,
        var other => throw new InvalidJobException($"{FileName}: 'push' must be likely-correct (the default: only fixes Wand is sure of are pushed) or plausible (got {InvalidJobException.Quote(other ?? "")})"),
    };

    private static string? RootOf(YamlNode node)
    {
        var root = (Scalar(node, "root") ?? "").TrimEnd('/');
        if (root is "" or ".")
        {
            return null;
        }

        try
        {
            Job.ValidatePath(root);
        }
        catch (InvalidJobException ex)
        {
            throw new InvalidJobException($"{FileName}: root: {ex.Message}");
        }

        return root;
    }

    private static List<string> List(YamlNode node, string key) => node switch
    {
        YamlSequenceNode sequence => sequence.Children.Select(c => Scalar(c, key) ?? "").ToList(),
        YamlScalarNode scalar => [scalar.Value ?? ""],
        _ => throw new InvalidJobException($"{FileName}: '{key}' must be a list, or one value"),
    };

    private static int WholeNumber(YamlNode node, string key, int min, int max)
    {
        var text = Scalar(node, key);
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max
            ? value
            : throw new InvalidJobException($"{FileName}: {key} must be a whole number from {min} to {max} (got {InvalidJobException.Quote(text ?? "")})");
    }

    private static double Cpus(YamlNode node)
    {
        var text = Scalar(node, "cpus");
        return double.TryParse(text, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var cpus)
            && cpus is > 0 and <= JobResources.MaxCpus
            ? cpus
            : throw new InvalidJobException($"{FileName}: cpus must be a number above 0 and at most {JobResources.MaxCpus} (got {InvalidJobException.Quote(text ?? "")})");
    }

    private static string GeneratorName(YamlNode node)
    {
        var value = Scalar(node, "generator") ?? "";
        return value is "search" or "llm" or "hybrid"
            ? value
            : throw new InvalidJobException($"{FileName}: 'generator' must be search, llm or hybrid (got {InvalidJobException.Quote(value)})");
    }

    private static string? Scalar(YamlNode node, string key) => node is YamlScalarNode scalar
        ? scalar.Value
        : throw new InvalidJobException($"{FileName}: '{key}' must be a single value");

    private static List<string> Globs(YamlNode node)
    {
        var items = List(node, "editable");
        // The same check, and the same words, as globs sent over HTTP or in a batch.
        return EditableGlobs.Problem(items) is { } problem ? throw new InvalidJobException($"{FileName}: {problem}") : items;
    }

    private static int Timeout(YamlNode node) => WholeNumber(node, "timeoutSeconds", 1, MaxTimeoutSeconds);
}
