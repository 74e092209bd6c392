namespace Wand.GitHub;

/// <summary>Which webhook events start a pull-request fix (<c>Wand:GitHub:Triggers</c>).</summary>
public sealed class GitHubTriggers
{
    /// <summary>A pull-request comment starting with this command, by someone with write access (owner, member, collaborator).</summary>
    public string FixCommand { get; set; } = "/wand fix";

    /// <summary>Adding this label to a pull request.</summary>
    public string Label { get; set; } = "wand";

    /// <summary>
    /// A check suite completed with a failure on a pull request's head. Off by default: it reacts
    /// to every red build of every pull request, which a repository should opt into.
    /// </summary>
    public bool OnFailedCheckSuite { get; set; }

    /// <summary>Comments by these author associations may ask for a fix: anyone else could spend the sandboxes on a public repository.</summary>
    public static IReadOnlyList<string> CommentAuthorAssociations { get; } = ["OWNER", "MEMBER", "COLLABORATOR"];
}
