using Wand.Generation;
using Wand.Jobs;
using Wand.Plumbing;

namespace Wand.Repair;

/// <param name="ParentKey">The candidate (or the original code) this request starts from; its latest run is the feedback.</param>
/// <param name="EarlierAttempts">One line per earlier candidate, newest last.</param>
public sealed record GenerationRequest(string JobId, int Round, int Index, string ParentKey, IReadOnlyList<string> EarlierAttempts);

/// <summary>
/// Asks the model for one candidate: the prompt carries the parent's code, the task and the
/// parent's feedback (diagnostics, failing tests with messages, earlier attempts). The reply is
/// parsed for editable files only, so a candidate can never change a test; the rest of its
/// files are the job's own. A failed call or a reply without usable code is recorded as such.
/// </summary>
public sealed class GenerateCandidateActivity(RepairBlobs artifacts, IChatModel model)
    : IWandActivity<GenerationRequest, GeneratedCandidate>
{
    private const int MaxExplanationChars = 240;

    public async Task<GeneratedCandidate> RunAsync(GenerationRequest input, CancellationToken cancellationToken)
    {
        if (!model.IsConfigured)
        {
            return Failed(input, "no LLM endpoint is configured", calls: 0);
        }

        var store = artifacts.Store;
        var job = await artifacts.JobAsync(input.JobId, cancellationToken);
        var parentFiles = await artifacts.FilesAsync(input.JobId, input.ParentKey, cancellationToken);
        var parentResult = await artifacts.ResultAsync(input.JobId, input.ParentKey, cancellationToken);
        var editable = EditableFiles.Of(job.ToJob());
        var prompt = RepairPromptBuilder.Build(job.Task, parentFiles, editable, parentResult, input.EarlierAttempts);
        await store.PutTextAsync(JobBlobNames.Prompt(input.JobId, input.Round, input.Index), $"# System\n\n{prompt.System}\n\n# User\n\n{prompt.User}", "text/markdown", cancellationToken);

        LlmReply reply;
        try
        {
            reply = await model.CompleteAsync(prompt, cancellationToken);
        }
        catch (LlmCallException ex)
        {
            return Failed(input, ex.Message, calls: 1);
        }

        await store.PutTextAsync(JobBlobNames.Reply(input.JobId, input.Round, input.Index), reply.Text, "text/markdown", cancellationToken);
        var parsed = ReplyParser.Parse(reply.Text, parentFiles, editable, prompt.PartlyShown);
        if (!parsed.IsUsable)
        {
            return new GeneratedCandidate(input.Round, input.Index, input.ParentKey, null,
                parsed.Problem ?? "the reply holds no code for a file the repair may change", null, reply.PromptTokens, reply.CompletionTokens, 1);
        }

        var files = Apply(job.Files, parentFiles, parsed.Changes, editable);
        var key = CandidateKey.Of(files);
        await artifacts.PutFilesAtAsync(input.JobId, JobBlobNames.GenerationFiles(input.JobId, input.Round, input.Index, key), files, cancellationToken);
        return new GeneratedCandidate(input.Round, input.Index, input.ParentKey, key, null, Explanation(reply.Text), reply.PromptTokens, reply.CompletionTokens, 1);
    }

    /// <summary>
    /// The candidate's files: the job's own for everything not editable, the parent's editable
    /// files, and the reply's changes on top.
    /// </summary>
    public static IReadOnlyList<JobFile> Apply(IReadOnlyList<JobFile> original, IReadOnlyList<JobFile> parent, IReadOnlyList<JobFile> changes, IReadOnlySet<string> editable)
    {
        var parentByPath = parent.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var changed = changes.Where(c => editable.Contains(c.Path)).ToDictionary(f => f.Path, StringComparer.Ordinal);
        return original
            .Select(f => !editable.Contains(f.Path) ? f : changed.GetValueOrDefault(f.Path) ?? parentByPath.GetValueOrDefault(f.Path) ?? f)
            .ToList();
    }

    /// <summary>What the reply says before its first code block, in one short line.</summary>
    public static string? Explanation(string reply)
    {
        var fence = reply.IndexOf("```", StringComparison.Ordinal);
        var prose = string.Join(' ', (fence < 0 ? reply : reply[..fence]).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (prose.Length == 0)
        {
            return null;
        }

        return prose.Length <= MaxExplanationChars ? prose : prose[..MaxExplanationChars] + "...";
    }

    private static GeneratedCandidate Failed(GenerationRequest input, string problem, int calls) =>
        new(input.Round, input.Index, input.ParentKey, null, problem, null, 0, 0, calls);
}
