using System.Text;
using System.Text.Json;
using Wand.Jobs;
using Wand.Plumbing;

namespace Wand.Repair;

/// <summary>One file of a submitted job: its text, or its bytes in base64 (exactly one of the two).</summary>
public sealed record SubmittedFile(string? Path, string? Content, string? ContentBase64);

/// <summary>The budget a submission asks for; anything absent keeps the configured value, and nothing goes above it (<see cref="BudgetRequest"/>).</summary>
public sealed record SubmittedBudget(long? Rounds, long? Candidates, long? Tokens, long? Minutes, long? SearchCandidates);

/// <summary>A submission made into a job: the job, the settings it runs with, and notes on what was changed from what it asked (a budget capped).</summary>
public sealed record SubmittedJob(Job Job, RepairSettings Settings, IReadOnlyList<string> Notes);

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
    long? TimeoutSeconds,
    string? Task,
    string? Generator,
    SubmittedBudget? Budget)
{
    /// <summary>
    /// Reads a submission from JSON; throws <see cref="InvalidJobException"/> naming what is wrong
    /// with it, down to the member (<c>files[0] is null</c>, <c>budget.minutes must be a whole number</c>).
    /// </summary>
    public static RepairSubmission Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidJobException($"the body is not a repair job: it is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})");
        }

        using (document)
        {
            RepairSubmissionShape.Check(document.RootElement);
            try
            {
                return document.RootElement.Deserialize<RepairSubmission>(WandJson.Strict)!;
            }
            catch (JsonException ex)
            {
                // The shape check lets through only what deserializes; this is a net for what it does not know of.
                throw new InvalidJobException($"the body is not a repair job: {ex.Path?.TrimStart('$', '.') ?? "a member"} cannot be read");
            }
        }
    }

    /// <summary>
    /// The job and the settings it asks for, checked as a job folder is (paths, sizes, language,
    /// time limit, editable globs), its budget capped to <paramref name="configured"/>'s, before
    /// anything is stored; throws <see cref="InvalidJobException"/> naming the problem.
    /// </summary>
    public SubmittedJob ToJob(RepairSettings configured, JobFolderLimits? limits = null)
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

        // The same check, and the same words, as .wand.yml's editable globs.
        if (EditableGlobs.Problem(Editable ?? []) is { } editable)
        {
            throw new InvalidJobException(editable);
        }

        var job = new JobSettings(Language, Test, Editable ?? [], (int?)TimeoutSeconds, Task, Generator).ToJob(files, Language,
            $"cannot tell the job's language: no source files of a known language ({LanguageProfile.KnownNames}); give \"language\"",
            limits ?? JobFolderLimits.Default);

        var (settings, notes) = Asked(Budget).ApplyTo(configured);
        settings = settings with { Generator = RepairGenerators.Parse(Generator) ?? configured.Generator };
        return settings.Problem() is { } problem ? throw new InvalidJobException($"the repair settings are invalid: {problem}") : new(job, settings, notes);
    }

    private static BudgetRequest Asked(SubmittedBudget? budget)
    {
        static BudgetAsk? Ask(long? value, string member) => value is { } v ? new BudgetAsk($"budget.{member}", v) : null;
        return budget is null ? new() : new(
            Ask(budget.Rounds, "rounds"), Ask(budget.Candidates, "candidates"), Ask(budget.Tokens, "tokens"),
            Ask(budget.Minutes, "minutes"), Ask(budget.SearchCandidates, "searchCandidates"));
    }

    private static JobFile ToFile(SubmittedFile? file, int index)
    {
        if (file is null)
        {
            throw new InvalidJobException($"files[{index}] is null");
        }

        var name = file.Path ?? throw new InvalidJobException($"files[{index}] has no \"path\"");
        if ((file.Content is null) == (file.ContentBase64 is null))
        {
            throw new InvalidJobException($"files[{index}] ({InvalidJobException.Quote(name)}) needs exactly one of \"content\" (text) and \"contentBase64\"");
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
            throw new InvalidJobException($"files[{index}] ({InvalidJobException.Quote(name)}): \"contentBase64\" is not valid base64");
        }
    }
}
