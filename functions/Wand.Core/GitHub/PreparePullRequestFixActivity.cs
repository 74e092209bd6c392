using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit;
using Wand.Jobs;
using Wand.Plumbing;
using Wand.Repair;

namespace Wand.GitHub;

/// <summary>
/// Gets the pull request, fetches its head with git, starts Wand's check run on it, reads the
/// head as a job folder (its <c>.wand.yml</c> and files, as <see cref="JobFolder.Load"/> does)
/// and stores the job for the repair. A repository without <c>.wand.yml</c> is not set up for
/// Wand: that is the answer, not an error. Run again, it finds its check run by external id and
/// stores the same job under the same name.
/// </summary>
public sealed partial class PreparePullRequestFixActivity(
    GitHubCredentials credentials, RepairJobs jobs, IOptions<RepairSettings> repair, ILogger<PreparePullRequestFixActivity> logger)
    : IWandActivity<PreparePullRequestFix, PreparedPullRequest>
{
    public const string CheckRunName = "wand";

    public async Task<PreparedPullRequest> RunAsync(PreparePullRequestFix input, CancellationToken cancellationToken)
    {
        var fix = input.Fix;
        var jobId = PullRequestFixOrchestrator.JobId(input.InstanceId);
        var token = await credentials.TokenAsync(fix.InstallationId);
        var github = credentials.Client(token);
        var pr = await github.PullRequest.Get(fix.Owner, fix.Repository, fix.Number);
        var canPush = pr.Head.Repository is { } head && (head.Id == pr.Base.Repository.Id || pr.MaintainerCanModify == true);
        PreparedPullRequest Prepared(string? sha, long? checkRun, string? problem, RepairSettings? settings = null) =>
            new(jobId, settings, sha, pr.Head.Ref, pr.Head.Repository?.CloneUrl, canPush, checkRun, problem);

        if (pr.State.Value == ItemState.Closed)
        {
            return Prepared(pr.Head.Sha, null, $"pull request #{fix.Number} is closed");
        }

        var folder = Path.Combine(Path.GetTempPath(), "wand-github", $"{input.InstanceId}-{Guid.NewGuid():N}");
        try
        {
            var sha = await PullRequestGit.CheckoutAsync(folder, new Uri(pr.Base.Repository.CloneUrl), PullRequestGit.PullRequestHead(fix.Number), token, cancellationToken);
            // A .wand.yml of any kind (a link, say) means the repository is set up: reading it then says what is wrong with it.
            var setUp = JobSettings.IsIn(folder);
            var notSetUp = $"{fix.FullName} is not set up for Wand: it has no {JobSettings.FileName} at its root. Add one (it may be empty) to say how its tests run; see Wand's README, \"Job folders\"";
            if (fix.Unasked && await LeftAloneAsync(folder, setUp, notSetUp, token, cancellationToken) is { } quiet)
            {
                // No person asked: nothing is written to the pull request.
                return Prepared(sha, null, quiet) with { Quiet = true };
            }

            var checkRun = await StartCheckRunAsync(github, fix, sha, input.InstanceId);
            if (!setUp)
            {
                return Prepared(sha, checkRun, notSetUp);
            }

            try
            {
                var job = JobFolder.Load(folder, limits: jobs.Limits);
                var request = await jobs.PrepareAsync(job, repair.Value, jobId, cancellationToken);
                return Prepared(sha, checkRun, null, request.Settings) with { PushPlausible = JobSettings.Load(folder).PushPlausible };
            }
            catch (InvalidJobException ex)
            {
                // The message names the checkout's folder, which means nothing on the pull request.
                return Prepared(sha, checkRun, $"the head of #{fix.Number} cannot be repaired as it is: {ex.Message.Replace(folder, fix.FullName, StringComparison.Ordinal)}");
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>
    /// Why a fix no person asked for (a failed check suite) is not made, or null: a repository not
    /// set up for Wand (every failed build of every repository the App is installed on would get
    /// a comment), or a head that is Wand's own commit, known by its author's account (a fix of a
    /// fix whose checks failed would go on for ever).
    /// </summary>
    private async Task<string?> LeftAloneAsync(string folder, bool setUp, string notSetUp, string token, CancellationToken cancellationToken)
    {
        if (!setUp)
        {
            return notSetUp;
        }

        var (_, author, _) = await PullRequestGit.DescribeHeadAsync(folder, cancellationToken);
        var own = await credentials.IdentityAsync(token);
        return own.Wrote(author) ? $"the failing commit is Wand's own fix (by {own.Name} <{own.Email}>): it is not fixed again" : null;
    }

    /// <summary>Wand's in-progress check run on <paramref name="sha"/>: the one this orchestration made before, or a new one; null when the token may not make one.</summary>
    private async Task<long?> StartCheckRunAsync(GitHubClient github, PullRequestFixRequest fix, string sha, string instanceId)
    {
        try
        {
            var existing = await github.Check.Run.GetAllForReference(fix.Owner, fix.Repository, sha, new CheckRunRequest { CheckName = CheckRunName });
            var externalId = CheckRunIds.ExternalId(instanceId, fix.Number);
            if (existing.CheckRuns.FirstOrDefault(r => r.ExternalId == externalId) is { } run)
            {
                return run.Id;
            }

            var created = await github.Check.Run.Create(fix.Owner, fix.Repository, new NewCheckRun(CheckRunName, sha)
            {
                ExternalId = externalId,
                Status = CheckStatus.InProgress,
                Output = new NewCheckRunOutput("Repairing", $"Wand is running the tests of {sha[..Math.Min(7, sha.Length)]} and repairing what fails ({fix.Trigger})."),
            });
            return created.Id;
        }
        catch (ApiException ex) when (ex.StatusCode is System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.NotFound)
        {
            // Only GitHub Apps may create check runs; with a token the comment alone reports.
            LogNoCheckRun(logger, fix.FullName, fix.Number, (int)ex.StatusCode, ex.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "No check run on {Repository}#{Number}: GitHub answered {Status} ({Message}); the comment reports alone")]
    private static partial void LogNoCheckRun(ILogger logger, string repository, int number, int status, string message);
}
