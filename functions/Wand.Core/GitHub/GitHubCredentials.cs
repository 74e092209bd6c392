using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Octokit;

namespace Wand.GitHub;

/// <summary>
/// The token Wand acts with on a repository, and an Octokit client using it: with an App, an
/// installation token (the App's JWT exchanged through <c>POST /app/installations/{id}/access_tokens</c>,
/// kept until five minutes before it expires); otherwise the configured token.
/// </summary>
public sealed class GitHubCredentials(IOptions<GitHubOptions> options, TimeProvider time)
{
    private static readonly ProductHeaderValue Product = new("wand");

    private readonly ConcurrentDictionary<long, AccessToken> _installationTokens = new();

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

        var jwt = GitHubAppToken.Create(settings.AppId!.Value, settings.PrivateKeyPem()!, time.GetUtcNow());
        var app = new GitHubClient(Product, settings.ApiUrl) { Credentials = new Credentials(jwt, AuthenticationType.Bearer) };
        var token = await app.GitHubApps.CreateInstallationToken(installation);
        _installationTokens[installation] = token;
        return token.Token;
    }

    /// <summary>An Octokit client acting with <paramref name="token"/>.</summary>
    public GitHubClient Client(string token) => new(Product, options.Value.ApiUrl) { Credentials = new Credentials(token) };
}
