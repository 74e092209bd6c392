namespace Wand.GitHub;

/// <summary>The names of the pull-request fix's activities (the Durable Task names both hosts register).</summary>
public static class GitHubTasks
{
    public const string PreparePullRequestFix = "PreparePullRequestFix";
    public const string PublishPullRequestFix = "PublishPullRequestFix";
}
