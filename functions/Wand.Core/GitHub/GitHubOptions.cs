namespace Wand.GitHub;

/// <summary>
/// How Wand works with GitHub, bound from <c>Wand:GitHub</c>: the webhook's secret, how Wand
/// authenticates (a GitHub App: <see cref="AppId"/> and its private key; or a plain
/// <see cref="Token"/>), where the REST API is, and which events start a fix.
/// </summary>
public sealed class GitHubOptions
{
    public const string SectionName = "Wand:GitHub";

    public static readonly Uri DefaultApiUrl = new("https://api.github.com/");

    /// <summary>How an App Service setting reads when its Key Vault reference could not be resolved (the host passes the reference itself).</summary>
    public const string KeyVaultReferencePrefix = "@Microsoft.KeyVault(";

    /// <summary>The webhook's secret; every delivery's <c>X-Hub-Signature-256</c> is checked against it. Unset: the webhook refuses every delivery.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>A token (fine-grained or classic personal access token) used when no App is configured.</summary>
    public string? Token { get; set; }

    /// <summary>The GitHub App's id: with a private key, Wand signs a JWT and exchanges it for an installation token per delivery.</summary>
    public long? AppId { get; set; }

    /// <summary>The App's private key, PEM text (<c>-----BEGIN RSA PRIVATE KEY-----</c>).</summary>
    public string? PrivateKey { get; set; }

    /// <summary>A file holding the App's private key, when it is not given as text.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>The REST API; another host is GitHub Enterprise Server (Octokit adds <c>api/v3/</c>).</summary>
    public Uri ApiUrl { get; set; } = DefaultApiUrl;

    public GitHubTriggers Triggers { get; set; } = new();

    /// <summary>The longest a rate-limited call to GitHub waits before it is sent again (<see cref="GitHubHttp"/>); a longer limit fails the call.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>An App is configured: its id and a private key.</summary>
    public bool UsesApp => AppId is not null;

    /// <summary>Something to authenticate with: an App or a token.</summary>
    public bool HasCredentials => UsesApp || Given(Token);

    /// <summary>The App's private key as PEM text, from <see cref="PrivateKey"/> or <see cref="PrivateKeyPath"/>.</summary>
    public string? PrivateKeyPem() =>
        !string.IsNullOrWhiteSpace(PrivateKey) ? PrivateKey
        : !string.IsNullOrWhiteSpace(PrivateKeyPath) && File.Exists(PrivateKeyPath) ? File.ReadAllText(PrivateKeyPath)
        : null;

    /// <summary>
    /// Why the webhook cannot take deliveries, or null when it can: no secret to verify them
    /// with, or nothing to act on GitHub with. Not a start-up error: a deployment may hold the
    /// secret (or the App's key) before the App exists, and the repair API must still start.
    /// </summary>
    public string? WebhookProblem() =>
        !Given(WebhookSecret)
            ? $"{SectionName}:WebhookSecret is {(Unresolved(WebhookSecret) ? "a Key Vault reference the host could not resolve" : "not set")}, so no delivery can be verified"
        : !HasCredentials
            ? $"Wand has nothing to act on GitHub with: set {SectionName}:AppId with its private key, or {SectionName}:Token{(Given(PrivateKey) || Given(PrivateKeyPath) ? " (a private key is set, but no App id)" : "")}"
        : null;

    /// <summary>What is wrong with these settings, each naming the setting, or none.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var section = SectionName;
        if (!ApiUrl.IsAbsoluteUri || ApiUrl.Scheme is not ("http" or "https"))
        {
            problems.Add($"{section}:ApiUrl '{ApiUrl}' is not an http(s) URL");
        }

        var hasKey = !string.IsNullOrWhiteSpace(PrivateKey) || !string.IsNullOrWhiteSpace(PrivateKeyPath);
        if (AppId is { } appId)
        {
            if (appId <= 0)
            {
                problems.Add($"{section}:AppId must be a positive number (got {appId})");
            }

            if (!hasKey)
            {
                problems.Add($"{section}:AppId is set but the App's private key is not: set {section}:PrivateKey (PEM text) or {section}:PrivateKeyPath");
            }
            else if (Unresolved(PrivateKey))
            {
                problems.Add($"{section}:PrivateKey is a Key Vault reference the host could not resolve: store the App's key in the vault, and check the app may read it");
            }
            else if (!string.IsNullOrWhiteSpace(PrivateKeyPath) && string.IsNullOrWhiteSpace(PrivateKey) && !File.Exists(PrivateKeyPath))
            {
                problems.Add($"{section}:PrivateKeyPath '{PrivateKeyPath}' does not exist");
            }
            else if (GitHubAppToken.KeyProblem(PrivateKeyPem()!) is { } keyProblem)
            {
                problems.Add($"{section}:PrivateKey{(string.IsNullOrWhiteSpace(PrivateKey) ? "Path" : "")} is not usable: {keyProblem}");
            }
        }


        if (string.IsNullOrWhiteSpace(Triggers.FixCommand) || !Triggers.FixCommand.StartsWith('/'))
        {
            problems.Add($"{section}:Triggers:FixCommand must be a command starting with / (got '{Triggers.FixCommand}')");
        }

        if (string.IsNullOrWhiteSpace(Triggers.Label))
        {
            problems.Add($"{section}:Triggers:Label must not be empty");
        }

        if (MaxRateLimitWait < TimeSpan.Zero || MaxRateLimitWait > TimeSpan.FromHours(1))
        {
            problems.Add($"{section}:MaxRateLimitWait must be between 0 and 01:00:00 (got {MaxRateLimitWait})");
        }

        return problems;
    }

    private static bool Unresolved(string? value) => value?.StartsWith(KeyVaultReferencePrefix, StringComparison.Ordinal) == true;

    private static bool Given(string? value) => !string.IsNullOrWhiteSpace(value) && !Unresolved(value);
}
