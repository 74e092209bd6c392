using System.Text;
using System.Text.Json;
using Wand.Sandbox;

namespace Wand.Pipeline;

/// <summary>One file of a submitted job: its text, or its bytes in base64 (exactly one of the two).</summary>
public sealed record SubmittedFile(string? Path, string? Content, string? ContentBase64);

/// <summary>The budget a submission may ask for; anything absent keeps the configured value.</summary>
public sealed record SubmittedBudget(int? Rounds, int? Candidates, long? Tokens, int? Minutes, int? SearchCandidates);

/// <summary>
/// A repair job as HTTP and queue messages carry it (the body of <c>POST /api/repairs</c>):
/// the files inline, and what a job folder's <c>.wand.yml</c> would say.
/// <code>
/// { "files": [{ "path": "stats.py", "content": "..." }, { "path": "test_stats.py", "content": "..." }],
///   "language": "python", "test": "wand-test", "editable": ["stats.py"], "timeoutSeconds": 60,
///   "task": "median of a list", "generator": "search", "budget": { "rounds": 2, "searchCandidates": 200 } }
/// </code>
/// </summary>
public sealed record RepairSubmission(
    IReadOnlyList<SubmittedFile>? Files,
    string? Language,
    string? Test,
    IReadOnlyList<string>? Editable,
    int? TimeoutSeconds,
    string? Task,
    string? Generator,
    SubmittedBudget? Budget)
{
    /// <summary>Reads a submission from JSON; throws <see cref="InvalidJobException"/> naming what is wrong with it.</summary>
    public static RepairSubmission Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<RepairSubmission>(json, WandJson.Strict) ?? throw new InvalidJobException("the body is JSON null; it must be a job object");
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 1 } path ? $" at {path}" : "";
            var what = ex.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "it has a member Wand does not know" : "it is not a valid job object";
            throw new InvalidJobException($"the body is not a repair job{where}: {what} (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})");
        }
    }

    /// <summary>
    /// The job and the settings it asks for, checked as a job folder is (paths, sizes, language,
    /// time limit), before anything is stored; throws <see cref="InvalidJobException"/> naming the problem.
    /// </summary>
    public (SandboxJob Job, RepairSettings Settings) ToJob(RepairSettings configured, JobFolderLimits? limits = null)
    {
        if (Files is not { Count: > 0 })
        {
            throw new InvalidJobException("the job has no files: give \"files\": [{\"path\": ..., \"content\": ...}]");
        }

        var files = Files.Select((f, i) => ToFile(f, i)).ToList();
        if (TimeoutSeconds is < 1 or > JobSettings.MaxTimeoutSeconds)
        {
            throw new InvalidJobException($"timeoutSeconds must be between 1 and {JobSettings.MaxTimeoutSeconds} (got {TimeoutSeconds})");
        }

        var job = new JobSettings(Language, Test, Editable ?? [], TimeoutSeconds, Task, Generator).ToJob(files, Language,
            $"cannot tell the job's language: no source files of a known language ({LanguageProfile.KnownNames}); give \"language\"",
            limits ?? JobFolderLimits.Default);

        var budget = configured.Budget;
        if (Budget is { } b)
        {
            budget = budget with
            {
                MaxRounds = Positive(b.Rounds, "budget.rounds") ?? budget.MaxRounds,
                MaxCandidates = Positive(b.Candidates, "budget.candidates") ?? budget.MaxCandidates,
                MaxTokens = b.Tokens is { } t ? (t > 0 ? t : throw new InvalidJobException($"budget.tokens must be positive (got {t})")) : budget.MaxTokens,
                MaxWallTime = Positive(b.Minutes, "budget.minutes") is { } m ? TimeSpan.FromMinutes(m) : budget.MaxWallTime,
                MaxSearchCandidates = Positive(b.SearchCandidates, "budget.searchCandidates") ?? budget.MaxSearchCandidates,
            };
        }

        var settings = configured with { Budget = budget, Generator = RepairGenerators.Parse(Generator) ?? configured.Generator };
        return settings.Problem() is { } problem ? throw new InvalidJobException($"the repair settings are invalid: {problem}") : (job, settings);
    }

    private static JobFile ToFile(SubmittedFile file, int index)
    {
        var name = file.Path ?? throw new InvalidJobException($"files[{index}] has no \"path\"");
        if ((file.Content is null) == (file.ContentBase64 is null))
        {
            throw new InvalidJobException($"file '{name}' needs exactly one of \"content\" (text) and \"contentBase64\"");
        }

        if (file.Content is not null)
        {
            return new JobFile(name, Encoding.UTF8.GetBytes(file.Content));
        }

        try
        {
            return new JobFile(name, Convert.FromBase64String(file.ContentBase64!));
        }
        catch (FormatException)
        {
            throw new InvalidJobException($"file '{name}': \"contentBase64\" is not valid base64");
        }
    }

    private static int? Positive(int? value, string name) =>
        value is null ? null : value > 0 ? value : throw new InvalidJobException($"{name} must be positive (got {value})");
}
