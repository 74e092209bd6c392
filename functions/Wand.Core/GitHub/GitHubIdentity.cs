namespace Wand.GitHub;

/// <summary>
/// Who Wand's commits are from, as GitHub attributes them: the App's bot account
/// (<c>wand[bot]</c>) or the token's user, with the noreply address GitHub links to that account
/// (<c>{id}+{login}@users.noreply.github.com</c>), so the commit shows the App's avatar and
/// name, and the loop guard knows Wand's own commits by an account, not by a name anyone can type.
/// </summary>
public sealed record GitHubIdentity(string Name, string Email)
{
    public static GitHubIdentity Of(long userId, string login) =>
        new(login, $"{userId.ToString(System.Globalization.CultureInfo.InvariantCulture)}+{login}@users.noreply.github.com");

    /// <summary>The login of an App's bot account: its slug and <c>[bot]</c>.</summary>
    public static string BotLogin(string appSlug) => $"{appSlug}[bot]";

    /// <summary>Whether <paramref name="email"/> (a commit's author) is this identity's (GitHub compares addresses without case).</summary>
    public bool Wrote(string? email) => string.Equals(email?.Trim(), Email, StringComparison.OrdinalIgnoreCase);
}
