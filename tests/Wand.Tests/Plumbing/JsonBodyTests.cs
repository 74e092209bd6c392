namespace Wand.Plumbing;

/// <summary>The API's POST routes take JSON only: what a cross-site form or fetch without a preflight can send is refused.</summary>
public sealed class JsonBodyTests
{
    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    public void Refusal_JsonContentType_IsNone(string contentType)
    {
        Assert.Null(JsonBody.Refusal(contentType));
    }

    [Theory]
    [InlineData("text/plain", "not 'text/plain'")]
    [InlineData("text/plain; charset=utf-8", "not 'text/plain; charset=utf-8'")]
    [InlineData("application/x-www-form-urlencoded", "not 'application/x-www-form-urlencoded'")]
    [InlineData("multipart/form-data; boundary=x", "not 'multipart/form-data; boundary=x'")]
    [InlineData("application/jsonp", "not 'application/jsonp'")]
    [InlineData("", "none was sent")]
    [InlineData(null, "none was sent")]
    public void Refusal_AnythingElse_Is415NamingWhatWasSent(string? contentType, string named)
    {
        var refusal = JsonBody.Refusal(contentType);

        Assert.NotNull(refusal);
        Assert.Equal(415, refusal.Status);
        var problem = Assert.IsType<ProblemBody>(refusal.Body);
        Assert.Contains("Content-Type: application/json", problem.Detail, StringComparison.Ordinal);
        Assert.Contains(named, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_AHugeContentType_IsNotEchoedWhole()
    {
        var problem = Assert.IsType<ProblemBody>(JsonBody.Refusal("text/plain; x=" + new string('a', 10_000))!.Body);

        Assert.True(problem.Detail.Length < 300, problem.Detail);
    }
}
