using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Wand.GitHub;

public sealed class GitHubAppTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_IsAnRs256JwtSignedByTheAppsKey_IssuedByTheAppForNineMinutes()
    {
        using var key = RSA.Create(2048);

        var jwt = GitHubAppToken.Create(123456, key.ExportRSAPrivateKeyPem(), Now);

        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.DoesNotContain('=', jwt);
        var header = JsonNode.Parse(FromBase64Url(parts[0]))!;
        var claims = JsonNode.Parse(FromBase64Url(parts[1]))!;
        Assert.Equal("RS256", header["alg"]!.GetValue<string>());
        Assert.Equal("JWT", header["typ"]!.GetValue<string>());
        Assert.Equal("123456", claims["iss"]!.GetValue<string>());
        Assert.Equal(Now.AddSeconds(-60).ToUnixTimeSeconds(), claims["iat"]!.GetValue<long>());
        Assert.Equal(Now.AddMinutes(9).ToUnixTimeSeconds(), claims["exp"]!.GetValue<long>());
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Create_WithAPkcs8Key_SignsAsWell()
    {
        using var key = RSA.Create(2048);

        var jwt = GitHubAppToken.Create(1, key.ExportPkcs8PrivateKeyPem(), Now);

        var parts = jwt.Split('.');
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Theory]
    [InlineData("not a key", "it is not an RSA private key in PEM")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----", "it is not an RSA private key")]
    public void KeyProblem_TextThatIsNotAKey_SaysSo(string pem, string problem)
    {
        Assert.StartsWith(problem, GitHubAppToken.KeyProblem(pem), StringComparison.Ordinal);
    }

    [Fact]
    public void KeyProblem_AnAppsKey_IsNone()
    {
        using var key = RSA.Create(2048);

        Assert.Null(GitHubAppToken.KeyProblem(key.ExportRSAPrivateKeyPem()));
    }

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
