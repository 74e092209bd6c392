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
    [InlineData("PrivateKey", "-----BEGIN RSA PRIVATE KEY-----", "Wand:GitHub:PrivateKey is set but Wand:GitHub:AppId is not")]
    [InlineData("WebhookSecret", "s", "Wand:GitHub:WebhookSecret is set but Wand cannot act on GitHub")]
    [InlineData("ApiUrl", "ftp://github.example/", "Wand:GitHub:ApiUrl 'ftp://github.example/' is not an http(s) URL")]
    [InlineData("Triggers:FixCommand", "wand fix", "Wand:GitHub:Triggers:FixCommand must be a command starting with /")]
    [InlineData("PrivateKeyPath", "/nonexistent/key.pem", "Wand:GitHub:PrivateKeyPath is set but Wand:GitHub:AppId is not")]
    public void Start_WithABadSetting_FailsNamingIt(string setting, string value, string problem)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"Wand:GitHub:{setting}"] = value }).Build();
        using var services = new ServiceCollection().AddWandGitHub(configuration).BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GitHubOptions>>().Value);

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_AKeyThatIsNotAKey_OrAKeyFileThatIsMissing_AreNamed()
    {
        Assert.Contains(new GitHubOptions { AppId = 1, PrivateKey = "hello" }.Problems(), p => p.StartsWith("Wand:GitHub:PrivateKey is not usable: it is not an RSA private key", StringComparison.Ordinal));
        Assert.Contains(new GitHubOptions { AppId = 1, PrivateKeyPath = "/nonexistent/key.pem" }.Problems(), p => p == "Wand:GitHub:PrivateKeyPath '/nonexistent/key.pem' does not exist");
    }
}
