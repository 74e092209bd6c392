using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;

namespace Wand.GitHub;

/// <summary>
/// The token Wand acts with on a repository, and an Octokit client using it: with an App, an
/// installation token (the App's JWT exchanged through <c>POST /app/installations/{id}/access_tokens</c>,
/// kept until five minutes before it expires); otherwise the configured token. Every client
/// shares one HTTP client (<see cref="GitHubHttp"/>), whose resilience handler waits out
/// GitHub's rate limits. Also who Wand's commits are from (<see cref="IdentityAsync"/>).
/// </summary>
public sealed class GitHubCredentials(IOptions<GitHubOptions> options, TimeProvider time, GitHubHttp http)
{
    private static readonly ProductHeaderValue Product = new("wand");

    private readonly ConcurrentDictionary<long, AccessToken> _installationTokens = new();
    private readonly ConcurrentDictionary<string, GitHubIdentity> _identities = new(StringComparer.Ordinal);

    /// <summary>The token for <paramref name="installationId"/>'s repositories; throws <see cref="InvalidOperationException"/> naming what is missing.</summary>
    public async Task<string> TokenAsync(long? installationId)
    {
        var settings = options.Value;
        if (!settings.UsesApp)
        {
            return !string.IsNullOrWhiteSpace(settings.Token)
                ? settings.Token
                : throw new InvalidOperationException($"no GitHub credentials are configured: set {GitHubOptions.SectionName}:AppId with its private key, or {GitHubOptions.SectionName}:Token");
        }

        var installation = installationId ?? throw new InvalidOperationException(
            "the delivery names no App installation, so no installation token can be had: is the webhook the App's own?");
        if (_installationTokens.TryGetValue(installation, out var cached) && cached.ExpiresAt - time.GetUtcNow() > TimeSpan.FromMinutes(5))
        {
            return cached.Token;
        }

        var token = await AppClient().GitHubApps.CreateInstallationToken(installation);
        _installationTokens[installation] = token;
        return token.Token;
    }

    /// <summary>
    /// Who Wand's commits are from: the App's bot account (<c>GET /app</c> for its slug, then
    /// <c>GET /users/{slug}[bot]</c> for its id), or the token's own user (<c>GET /user</c>). Asked once per process.
    /// </summary>
    public async Task<GitHubIdentity> IdentityAsync(string token)
    {
        var key = options.Value.UsesApp ? "app" : token;
        if (_identities.TryGetValue(key, out var known))
        {
            return known;
        }

        GitHubIdentity identity;
        if (options.Value.UsesApp)
        {
            var app = await AppClient().GitHubApps.GetCurrent();
            var bot = await Client(token).User.Get(GitHubIdentity.BotLogin(app.Slug));
            identity = GitHubIdentity.Of(bot.Id, bot.Login);
        }
        else
        {
            var user = await Client(token).User.Current();
            identity = GitHubIdentity.Of(user.Id, user.Login);
        }

        return _identities[key] = identity;
    }

    /// <summary>An Octokit client acting with <paramref name="token"/>.</summary>
    public GitHubClient Client(string token) => Client(new Credentials(token));

    /// <summary>The App itself, by a JWT its private key signs (for installation tokens and its own description).</summary>
    private GitHubClient AppClient()
    {
        var settings = options.Value;
        var jwt = GitHubAppToken.Create(settings.AppId!.Value, settings.PrivateKeyPem()!, time.GetUtcNow());
        return Client(new Credentials(jwt, AuthenticationType.Bearer));
    }

    private GitHubClient Client(Credentials credentials) =>
        new(new Connection(Product, GitHubHttp.ApiRoot(options.Value.ApiUrl), new InMemoryCredentialStore(credentials), http.Octokit, new SimpleJsonSerializer()));
}
