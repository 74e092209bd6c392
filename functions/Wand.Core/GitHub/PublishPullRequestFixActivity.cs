using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Octokit;
using Wand.Behaviour;
using Wand.Jobs;
using Wand.Plumbing;
using Wand.Repair;

namespace Wand.GitHub;

/// <summary>
/// Tells the pull request how its fix went. A repair that passed every test is pushed as a
/// commit on the pull request's branch when Wand may push there, and suggested in a review
/// otherwise (or when the push is refused); then the check run is completed and a comment says
/// what happened, with the diff. Run again, it finds its comment and review by a marker, and
/// its commit is the same commit, so nothing is posted or pushed twice.
/// </summary>
public sealed partial class PublishPullRequestFixActivity(GitHubCredentials credentials, RepairBlobs artifacts, ILogger<PublishPullRequestFixActivity> logger)
    : IWandActivity<PublishPullRequestFix, PullRequestFixOutcome>
{
    public async Task<PullRequestFixOutcome> RunAsync(PublishPullRequestFix input, CancellationToken cancellationToken)
    {
        var fix = input.Fix;
        var prepared = input.Prepared;
        var token = await credentials.TokenAsync(fix.InstallationId);
        var github = credentials.Client(token);
        var marker = $"<!-- wand:{input.InstanceId} -->";

        PullRequestFixOutcome outcome;
        string details = "";
        IReadOnlyList<ReviewSuggestion> changes = [];
        if (prepared.Problem is { } problem)
        {
            outcome = new(PullRequestFixStatus.NotSetUp, problem, prepared.JobId, null, null);
        }
        else if (input.Outcome is null)
        {
            outcome = new(PullRequestFixStatus.NotRepaired, $"the repair failed: {input.Failure ?? "it gave no outcome"}", prepared.JobId, null, null);
        }
        else if (input.Outcome is { Status: RepairStatus.Repaired, Best: { } best } repaired)
        {
            (outcome, details, changes) = await PublishFixAsync(github, input, repaired, best, token, marker, cancellationToken);
        }
        else
        {
            outcome = Unrepaired(input.Outcome, prepared.JobId);
        }

        // A candidate caught gaming the tests is never pushed or suggested; people are told about it.
        foreach (var caught in input.Outcome?.Suspicious ?? [])
        {
            details += $"- Suspicious, not offered: {caught.Suspected}\n";
        }

        if (prepared.Quiet)
        {
            return outcome;
        }

        if (prepared.CheckRunId is { } checkRun)
        {
            var annotations = await AnnotationsAsync(input, changes, cancellationToken);
            await CompleteCheckRunAsync(github, fix, checkRun, outcome, input.Outcome?.Confidence, input.At, annotations);
        }

        await CommentOnceAsync(github, fix, marker, Comment(marker, fix, outcome, details));
        return outcome;
    }

    private static PullRequestFixOutcome Unrepaired(RepairOutcome result, string jobId) => result.Status switch
    {
        RepairStatus.AlreadyPassing => new(PullRequestFixStatus.AlreadyPassing, $"the tests pass as they are ({Tests(result.Baseline)}): nothing to fix", jobId, result.Status, null),
        RepairStatus.FlakyBaseline or RepairStatus.NoTests or RepairStatus.SetupFailed => new(PullRequestFixStatus.NotRepaired, $"not repaired: {result.StopReason}", jobId, result.Status, null),
        _ => new(PullRequestFixStatus.NotRepaired, $"no fix found: {result.StopReason}; the best candidate passes {(result.Best is { } b ? Tests(b) : "nothing more")}", jobId, result.Status, null),
    };

    /// <summary>Where the head's tests failed, and the lines the fix changes (<see cref="CheckRunAnnotations"/>).</summary>
    private async Task<IReadOnlyList<NewCheckRunAnnotation>> AnnotationsAsync(PublishPullRequestFix input, IReadOnlyList<ReviewSuggestion> changes, CancellationToken cancellationToken)
    {
        if (input.Outcome is not { } repair)
        {
            return [];
        }

        var job = await artifacts.JobAsync(input.Prepared.JobId, cancellationToken);
        var original = await artifacts.ResultAsync(input.Prepared.JobId, repair.Baseline.Key, cancellationToken);
        return CheckRunAnnotations.Of(job.Files, original, changes);
    }

    private async Task<(PullRequestFixOutcome Outcome, string Details, IReadOnlyList<ReviewSuggestion> Changes)> PublishFixAsync(
        GitHubClient github, PublishPullRequestFix input, RepairOutcome repaired, CandidateSummary best, string token, string marker, CancellationToken cancellationToken)
    {
        var (fix, prepared) = (input.Fix, input.Prepared);
        var job = await artifacts.JobAsync(prepared.JobId, cancellationToken);
        var winner = await artifacts.FilesAsync(prepared.JobId, best.Key, cancellationToken);
        var original = job.Files.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
        var changed = winner.Where(f => !original.TryGetValue(f.Path, out var before) || !before.AsSpan().SequenceEqual(f.Content)).ToList();
        var diff = string.Concat(changed.Select(f => LineDiff.Unified(f.Path, Text(original.GetValueOrDefault(f.Path)), Text(f.Content))));
        var behaviour = repaired.Behaviour;
        var evidence = $"{Tests(repaired.Baseline)} before, {Tests(best)} with the fix (confirmed by a second run){(behaviour is null ? "" : $"; how sure: {behaviour.Label}")}";
        var details = $"<details><summary>The fix ({changed.Count} file{(changed.Count == 1 ? "" : "s")}, {best.ChangedLines} lines changed)</summary>\n\n```diff\n{diff}```\n</details>\n"
            + (behaviour is null ? "" : $"\n{RepairReportConfidence.Markdown(behaviour, "###")}\n");

        PullRequestFixOutcome Pushed(string commit) =>
            new(PullRequestFixStatus.Pushed, $"pushed fix {commit[..7]} to `{prepared.HeadRef}`: {evidence}", prepared.JobId, repaired.Status, commit);

        var suggestions = changed
            .Where(f => original.ContainsKey(f.Path))
            .SelectMany(f => ReviewSuggestion.Between(f.Path, Text(original[f.Path]), Text(f.Content)))
            .ToList();

        // A fix Wand is not sure of is offered for people to decide, unless the repository asked for it pushed.
        var unsure = repaired.Confidence == Confidence.Plausible && !prepared.PushPlausible;
        var (commit, refused) = unsure ? (null, null) : await TryPushAsync(input, repaired, best, changed, token, cancellationToken);
        if (commit is not null)
        {
            return (Pushed(commit), details, suggestions);
        }

        var why = unsure ? $"Wand is not sure enough of it to push it (plausible: {behaviour!.Reasons[0]}; `push: plausible` in {JobSettings.FileName} pushes such fixes too)"
            : refused is null ? "Wand may not push to this pull request's branch"
            : $"the push was refused ({refused})";
        var reviewed = await ReviewOnceAsync(github, fix, prepared.HeadSha!, marker,
            $"{marker}\nWand found a fix ({evidence}). {why}, so here it is as suggestions: apply them to fix the failing tests.", suggestions);
        var summary = reviewed
            ? $"suggested the fix in a review ({suggestions.Count} suggestion{(suggestions.Count == 1 ? "" : "s")}) because {why}: {evidence}"
            : $"found a fix, but GitHub refused it as review suggestions (its lines are outside this pull request's diff): apply the diff below. {evidence}";
        return (new(PullRequestFixStatus.Suggested, summary, prepared.JobId, repaired.Status, null), details, suggestions);
    }

    /// <summary>
    /// Commits the fix onto the pull request's branch and pushes it, when Wand may and the branch is
    /// still the head it repaired: the commit (also one an earlier run of this activity pushed), or
    /// why not (null, null: Wand may not push there at all).
    /// </summary>
    private async Task<(string? Commit, string? Refused)> TryPushAsync(
        PublishPullRequestFix input, RepairOutcome repaired, CandidateSummary best, List<JobFile> changed, string token, CancellationToken cancellationToken)
    {
        var (fix, prepared) = (input.Fix, input.Prepared);
        if (!prepared.CanPush || prepared.HeadCloneUrl is not { } url || prepared.HeadRef is not { } branch)
        {
            return (null, null);
        }

        var folder = Path.Combine(Path.GetTempPath(), "wand-github", $"{input.InstanceId}-push-{Guid.NewGuid():N}");
        try
        {
            // The branch itself, where the commit goes: it must still be the head Wand repaired.
            var head = await PullRequestGit.CheckoutAsync(folder, new Uri(url), $"refs/heads/{branch}", token, cancellationToken);
            var (parent, _, lastMessage) = await PullRequestGit.DescribeHeadAsync(folder, cancellationToken);
            if (head != prepared.HeadSha && parent == prepared.HeadSha && lastMessage.Contains(JobTrailer(prepared.JobId), StringComparison.Ordinal))
            {
                return (head, null); // pushed by an earlier run of this activity
            }

            if (head != prepared.HeadSha)
            {
                return (null, $"the branch moved on to {head[..7]} while Wand worked on {prepared.HeadSha?[..7]}");
            }

            var message = $"Fix failing tests (Wand)\n\n{Tests(repaired.Baseline)} before, {Tests(best)} after: {repaired.StopReason}.\n\n{JobTrailer(prepared.JobId)}\nWand-Trigger: {fix.Trigger}\n";
            var commit = await PullRequestGit.CommitAsync(folder, changed, message, await credentials.IdentityAsync(token), input.At, cancellationToken);
            await PullRequestGit.PushAsync(folder, new Uri(url), branch, token, cancellationToken);
            return (commit, null);
        }
        catch (GitException ex)
        {
            LogPushRefused(logger, fix.FullName, fix.Number, ex.Message);
            return (null, ex.Message);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>Posts the review unless one with the marker is there; false when GitHub refuses its lines (outside the pull request's diff).</summary>
    private async Task<bool> ReviewOnceAsync(GitHubClient github, PullRequestFixRequest fix, string sha, string marker, string body, IReadOnlyList<ReviewSuggestion> suggestions)
    {
        var reviews = await github.PullRequest.Review.GetAll(fix.Owner, fix.Repository, fix.Number);
        if (reviews.Any(r => r.Body?.Contains(marker, StringComparison.Ordinal) == true))
        {
            return true;
        }

        // Octokit's review comments only know diff positions; GitHub's line/start_line (file lines) go as the REST API documents them.
        var review = new Dictionary<string, object>
        {
            ["commit_id"] = sha,
            ["event"] = "COMMENT",
            ["body"] = body,
            ["comments"] = suggestions.Select(s =>
            {
                var comment = new Dictionary<string, object> { ["path"] = s.Path, ["line"] = s.Line, ["side"] = "RIGHT", ["body"] = s.Body };
                if (s.StartLine is { } start)
                {
                    comment["start_line"] = start;
                    comment["start_side"] = "RIGHT";
                }

                return comment;
            }).ToList(),
        };
        try
        {
            await github.Connection.Post<PullRequestReview>(
                new Uri($"repos/{Uri.EscapeDataString(fix.Owner)}/{Uri.EscapeDataString(fix.Repository)}/pulls/{fix.Number.ToString(CultureInfo.InvariantCulture)}/reviews", UriKind.Relative),
                review, "application/vnd.github+json", "application/json");
            return true;
        }
        catch (ApiValidationException ex)
        {
            LogReviewRefused(logger, fix.FullName, fix.Number, ex.Message);
            return false;
        }
    }

    private static async Task CompleteCheckRunAsync(
        GitHubClient github, PullRequestFixRequest fix, long checkRun, PullRequestFixOutcome outcome, Confidence? confidence, DateTimeOffset at, IReadOnlyList<NewCheckRunAnnotation> annotations)
    {
        var sure = confidence is { } c ? $" ({ConfidenceLabel.Word(c)})" : "";
        var (conclusion, title) = outcome.Status switch
        {
            PullRequestFixStatus.Pushed => (CheckConclusion.Success, $"Fixed: commit pushed{sure}"),
            PullRequestFixStatus.Suggested => (CheckConclusion.Success, $"Fix suggested{sure}"),
            PullRequestFixStatus.AlreadyPassing => (CheckConclusion.Success, "Tests pass"),
            PullRequestFixStatus.NotSetUp => (CheckConclusion.Neutral, "Not set up for Wand"),
            _ => (CheckConclusion.Failure, outcome.Repair switch
            {
                RepairStatus.FlakyBaseline => "Flaky tests",
                RepairStatus.NoTests => "No test ran",
                RepairStatus.SetupFailed => "The environment's setup failed",
                _ => "No fix found",
            }),
        };
        await github.Check.Run.Update(fix.Owner, fix.Repository, checkRun, new CheckRunUpdate
        {
            Status = CheckStatus.Completed,
            Conclusion = conclusion,
            CompletedAt = at,
            Output = new NewCheckRunOutput(title, outcome.Summary) { Annotations = annotations },
        });
    }

    private static async Task CommentOnceAsync(GitHubClient github, PullRequestFixRequest fix, string marker, string body)
    {
        var comments = await github.Issue.Comment.GetAllForIssue(fix.Owner, fix.Repository, fix.Number);
        if (!comments.Any(c => c.Body?.Contains(marker, StringComparison.Ordinal) == true))
        {
            await github.Issue.Comment.Create(fix.Owner, fix.Repository, fix.Number, body);
        }
    }

    private static string Comment(string marker, PullRequestFixRequest fix, PullRequestFixOutcome outcome, string details)
    {
        var text = new StringBuilder(marker).Append('\n');
        text.Append("**Wand** ").Append(outcome.Summary).Append("\n\n").Append(details);
        text.Append(CultureInfo.InvariantCulture, $"\nAsked by: {fix.Trigger}. Repair job `{outcome.JobId}`");
        if (outcome.Status != PullRequestFixStatus.NotSetUp)
        {
            text.Append(CultureInfo.InvariantCulture, $" (its report: `GET /api/repairs/{outcome.JobId}`)");
        }

        return text.Append(".\n").ToString();
    }

    private static string JobTrailer(string jobId) => $"Wand-Job: {jobId}";

    private static string Tests(CandidateSummary summary) => $"{summary.Passed} of {summary.TestCount} tests pass";

    private static string Text(byte[]? content) => content is null ? "" : Encoding.UTF8.GetString(content);

    [LoggerMessage(EventId = 320, Level = LogLevel.Warning, Message = "Push of the fix to {Repository}#{Number} refused: {Error}; suggesting it instead")]
    private static partial void LogPushRefused(ILogger logger, string repository, int number, string error);

    [LoggerMessage(EventId = 321, Level = LogLevel.Warning, Message = "Review suggestions on {Repository}#{Number} refused: {Error}; the comment carries the diff")]
    private static partial void LogReviewRefused(ILogger logger, string repository, int number, string error);
}
