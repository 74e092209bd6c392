using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Wand.GitHub;

public sealed class GitHubOptionsTests
{
    [Fact]
    public void Problems_NothingConfigured_IsNone()
    {
        Assert.Empty(new GitHubOptions().Problems());
    }

    [Fact]
    public void Problems_AnAppWithItsKey_OrAToken_IsNone()
    {
        using var key = RSA.Create(2048);

        Assert.Empty(new GitHubOptions { WebhookSecret = "s", AppId = 1, PrivateKey = key.ExportRSAPrivateKeyPem() }.Problems());
        Assert.Empty(new GitHubOptions { WebhookSecret = "s", Token = "github_pat_1" }.Problems());
    }

    [Theory]
    [InlineData("AppId", "1", "Wand:GitHub:AppId is set but the App's private key is not")]
    [InlineData("ApiUrl", "ftp://github.example/", "Wand:GitHub:ApiUrl 'ftp://github.example/' is not an http(s) URL")]
    [InlineData("Triggers:FixCommand", "wand fix", "Wand:GitHub:Triggers:FixCommand must be a command starting with /")]
    public void Start_WithABadSetting_FailsNamingIt(string setting, string value, string problem)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"Wand:GitHub:{setting}"] = value }).Build();
        using var services = new ServiceCollection().AddWandGitHub(configuration).BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GitHubOptions>>().Value);

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_AnAppWhoseKeyIsAnUnresolvedKeyVaultReference_SaysSo()
    {
        var options = new GitHubOptions { AppId = 1, PrivateKey = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/github-app-private-key)" };

        Assert.Equal(["Wand:GitHub:PrivateKey is a Key Vault reference the host could not resolve: store the App's key in the vault, and check the app may read it"], options.Problems());
    }

    [Fact]
    public void Problems_ASecretOrKeyWaitingForItsApp_IsNoStartUpError_ButTheWebhookSaysWhatIsMissing()
    {
        var options = new GitHubOptions { WebhookSecret = "s", PrivateKey = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/github-app-private-key)" };

        Assert.Empty(options.Problems());
        Assert.Equal("Wand has nothing to act on GitHub with: set Wand:GitHub:AppId with its private key, or Wand:GitHub:Token", options.WebhookProblem());
    }

    [Theory]
    [InlineData(null, "Wand:GitHub:WebhookSecret is not set, so no delivery can be verified")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/github-webhook-secret)", "Wand:GitHub:WebhookSecret is a Key Vault reference the host could not resolve, so no delivery can be verified")]
    [InlineData("s", null)]
    public void WebhookProblem_ByTheSecret_NamesWhatIsMissing(string? secret, string? problem)
    {
        Assert.Equal(problem, new GitHubOptions { WebhookSecret = secret, Token = "github_pat_1" }.WebhookProblem());
    }

    [Fact]
    public void WebhookProblem_AKeyWithoutAnAppId_SaysSo()
    {
        using var key = RSA.Create(2048);

        Assert.EndsWith("(a private key is set, but no App id)", new GitHubOptions { WebhookSecret = "s", PrivateKey = key.ExportRSAPrivateKeyPem() }.WebhookProblem(), StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_AKeyThatIsNotAKey_OrAKeyFileThatIsMissing_AreNamed()
    {
        Assert.Contains(new GitHubOptions { AppId = 1, PrivateKey = "hello" }.Problems(), p => p.StartsWith("Wand:GitHub:PrivateKey is not usable: it is not an RSA private key", StringComparison.Ordinal));
        Assert.Contains(new GitHubOptions { AppId = 1, PrivateKeyPath = "/nonexistent/key.pem" }.Problems(), p => p == "Wand:GitHub:PrivateKeyPath '/nonexistent/key.pem' does not exist");
    }
}
