using System.Globalization;

namespace Wand.GitHub;

/// <summary>
/// The external id Wand gives its check runs: the fix's instance and the pull request, so a run
/// made again by this instance is found (activities run at least once), and a Re-run of it
/// knows its pull request where GitHub lists none (a fork's).
/// </summary>
public static class CheckRunIds
{
    public static string ExternalId(string instanceId, int pullRequest) => $"{instanceId}#{pullRequest.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The pull request an external id of Wand's names; null for any other text.</summary>
    public static int? PullRequestOf(string? externalId) =>
        externalId?.LastIndexOf('#') is int at and >= 0
        && int.TryParse(externalId.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : null;
}
