namespace Wand.GitHub;

/// <summary>
/// What a webhook delivery asks for: fix pull request <paramref name="Number"/> of
/// <paramref name="Owner"/>/<paramref name="Repository"/>. The input of <see cref="PullRequestFixOrchestrator"/>.
/// </summary>
/// <param name="InstallationId">The GitHub App installation that sent it (null when the webhook is not an App's).</param>
/// <param name="DeliveryId">GitHub's <c>X-GitHub-Delivery</c>, the same on a redelivery.</param>
/// <param name="Trigger">What asked, in words ("comment /wand fix by octocat", "label wand", "failed check suite").</param>
/// <param name="Unasked">No person asked (a failed check suite): a repository that is not set up for Wand is left alone, without a word.</param>
public sealed record PullRequestFixRequest(string Owner, string Repository, int Number, long? InstallationId, string DeliveryId, string Trigger, bool Unasked = false)
{
    public string FullName => $"{Owner}/{Repository}";
}
