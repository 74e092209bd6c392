using System.Security.Cryptography;
using System.Text;

namespace Wand.GitHub;

public sealed class WebhookSignatureTests
{
    // GitHub's documented example: secret "It's a Secret to Everybody", payload "Hello, World!".
    private const string DocumentedSignature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    private static readonly byte[] DocumentedBody = Encoding.UTF8.GetBytes("Hello, World!");
    private const string DocumentedSecret = "It's a Secret to Everybody";

    [Fact]
    public void Sign_GitHubsDocumentedExample_GivesItsSignature()
    {
        Assert.Equal(DocumentedSignature, WebhookSignature.Sign(DocumentedBody, DocumentedSecret));
    }

    [Fact]
    public void IsValid_TheBodysSignature_IsTrue()
    {
        Assert.True(WebhookSignature.IsValid(DocumentedBody, DocumentedSignature, DocumentedSecret));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1")]
    [InlineData("sha256=zz7107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    public void IsValid_AMissingMalformedOrWrongSignature_IsFalse(string? signature)
    {
        Assert.False(WebhookSignature.IsValid(DocumentedBody, signature, DocumentedSecret));
    }

    [Fact]
    public void IsValid_AnotherSecretOrAChangedBody_IsFalse()
    {
        Assert.False(WebhookSignature.IsValid(DocumentedBody, DocumentedSignature, "another secret"));
        Assert.False(WebhookSignature.IsValid(Encoding.UTF8.GetBytes("Hello, World?"), DocumentedSignature, DocumentedSecret));
    }

    [Fact]
    public void IsValid_AnUppercaseHexSignature_IsTheSameBytes()
    {
        var upper = "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(DocumentedSecret), DocumentedBody));

        Assert.True(WebhookSignature.IsValid(DocumentedBody, upper, DocumentedSecret));
    }
}
