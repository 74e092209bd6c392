using Wand.Repair;

namespace Wand.GitHub;

/// <summary>The input of the prepare activity: the delivery's request and the orchestration it belongs to.</summary>
public sealed record PreparePullRequestFix(PullRequestFixRequest Fix, string InstanceId);

/// <summary>
/// A pull request made ready for a repair: its head fetched, its job stored under
/// <paramref name="JobId"/>, a check run started. <paramref name="Problem"/> says, when it is
/// set, why there is nothing to repair (no <c>.wand.yml</c>, a closed pull request, a job that is
/// not valid); the rest describes the head.
/// </summary>
/// <param name="HeadCloneUrl">Where the head branch lives (the fork, for a fork's pull request); null when that repository is gone.</param>
/// <param name="CanPush">The head branch may take Wand's commit: it is in the base repository, or its author lets maintainers edit it.</param>
/// <param name="CheckRunId">Wand's check run on the head; null when the token may not create one (only Apps may).</param>
/// <param name="PushPlausible">The repository's <c>.wand.yml</c> says <c>push: plausible</c>: a fix Wand is not sure of is pushed too, not only suggested.</param>
/// <param name="Quiet">Nothing is to be said on the pull request about <paramref name="Problem"/> (nobody asked, and the repository is not set up).</param>
public sealed record PreparedPullRequest(
    string JobId,
    RepairSettings? Settings,
    string? HeadSha,
    string? HeadRef,
    string? HeadCloneUrl,
    bool CanPush,
    long? CheckRunId,
    string? Problem,
    bool Quiet = false,
    bool PushPlausible = false);

/// <summary>The input of the publish activity: what was asked, what was prepared, how the repair ended (null when it did not run) and when.</summary>
/// <param name="Failure">Why the repair itself failed, when it did.</param>
/// <param name="At">The orchestration's time: the check run's completion and the fix commit's date, the same on every retry.</param>
public sealed record PublishPullRequestFix(
    PullRequestFixRequest Fix,
    string InstanceId,
    PreparedPullRequest Prepared,
    RepairOutcome? Outcome,
    string? Failure,
    DateTimeOffset At);

/// <summary>What Wand did on a pull request.</summary>
public enum PullRequestFixStatus
{
    /// <summary>The repository has no usable <c>.wand.yml</c>, or the pull request could not be worked on; said so on the pull request.</summary>
    NotSetUp,

    /// <summary>The pull request's tests pass as they are.</summary>
    AlreadyPassing,

    /// <summary>A fix commit was pushed to the pull request's branch.</summary>
    Pushed,

    /// <summary>The fix was posted as a review with suggestions (a fork that maintainers may not edit, or a push that was refused).</summary>
    Suggested,

    /// <summary>No candidate passed every test (or the tests are flaky, or the repair failed).</summary>
    NotRepaired,
}

/// <summary>The result of <see cref="PullRequestFixOrchestrator"/>.</summary>
/// <param name="Summary">What happened, in one line, as the comment on the pull request begins.</param>
/// <param name="CommitSha">The pushed fix commit.</param>
public sealed record PullRequestFixOutcome(PullRequestFixStatus Status, string Summary, string JobId, RepairStatus? Repair, string? CommitSha);
