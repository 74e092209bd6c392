using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Wand.GitHub;

/// <summary>
/// A GitHub App's JSON Web Token: RS256 over <c>{"iat", "exp", "iss": app id}</c>, signed with
/// the App's private key, valid for ten minutes at most (GitHub's limit). It only buys an
/// installation token (<see cref="GitHubCredentials"/>); the REST calls use that.
/// </summary>
public static class GitHubAppToken
{
    /// <summary>GitHub refuses a JWT that lives longer than ten minutes; nine leaves room for clock drift.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(9);

    /// <summary>Issued a minute in the past, as GitHub advises, for clocks that run ahead of its own.</summary>
    public static readonly TimeSpan Backdate = TimeSpan.FromSeconds(60);

    public static string Create(long appId, string privateKeyPem, DateTimeOffset now)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(privateKeyPem);
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT" }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new
        {
            iat = (now - Backdate).ToUnixTimeSeconds(),
            exp = (now + Lifetime).ToUnixTimeSeconds(),
            iss = appId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        var signed = $"{header}.{payload}";
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signed}.{Base64Url(signature)}";
    }

    /// <summary>Why <paramref name="pem"/> cannot sign a JWT, or null when it can.</summary>
    public static string? KeyProblem(string pem)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return rsa.KeySize < 2048 ? $"the RSA key has {rsa.KeySize} bits; GitHub's have 2048" : null;
        }
        catch (ArgumentException)
        {
            return "it is not an RSA private key in PEM (-----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----)";
        }
        catch (CryptographicException ex)
        {
            return $"it is not an RSA private key: {ex.Message}";
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
