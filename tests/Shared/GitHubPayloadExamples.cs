namespace Wand;

/// <summary>
/// GitHub's webhook payload examples, exactly as GitHub delivers them (from octokit/webhooks,
/// MIT; see github-webhooks/README.md). Kept in the repository so a fresh clone tests with them.
/// </summary>
internal static class GitHubPayloadExamples
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot.Path, "tests", "Shared", "github-webhooks");

    /// <summary>The example's path, e.g. <c>pull_request.labeled.payload.json</c>.</summary>
    public static string PathOf(string file) => Path.Combine(Folder, file);
}
