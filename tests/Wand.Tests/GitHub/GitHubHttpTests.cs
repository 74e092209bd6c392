using System.Net;
using Polly;

namespace Wand.GitHub;

/// <summary>Which of GitHub's answers the shared client sends again, and after how long.</summary>
public sealed class GitHubHttpTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public void ASecondaryRateLimit_IsWaitedOutForItsRetryAfter()
    {
        var answer = Answer(HttpStatusCode.Forbidden, HttpMethod.Post, ("Retry-After", "30"));

        Assert.Equal(TimeSpan.FromSeconds(30), GitHubHttp.RateLimitWait(answer, Now));
        Assert.True(GitHubHttp.ShouldSendAgain(Outcome.FromResult(answer), Patience, Now));
    }

    [Fact]
    public void AnExhaustedPrimaryLimit_IsWaitedOutUntilItsReset()
    {
        var reset = Now.AddSeconds(40).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var answer = Answer(HttpStatusCode.Forbidden, HttpMethod.Get, ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", reset));

        Assert.Equal(TimeSpan.FromSeconds(41), GitHubHttp.RateLimitWait(answer, Now));
    }

    [Fact]
    public void ALimitLongerThanThePatience_IsNotWaitedFor()
    {
        var answer = Answer(HttpStatusCode.TooManyRequests, HttpMethod.Get, ("Retry-After", "3600"));

        Assert.False(GitHubHttp.ShouldSendAgain(Outcome.FromResult(answer), Patience, Now));
    }

    [Fact]
    public void AForbiddenWithoutLimitHeaders_IsARefusal_AndNotSentAgain()
    {
        // "Resource not accessible by personal access token": waiting changes nothing.
        var answer = Answer(HttpStatusCode.Forbidden, HttpMethod.Post, ("x-ratelimit-remaining", "4999"));

        Assert.Null(GitHubHttp.RateLimitWait(answer, Now));
        Assert.False(GitHubHttp.ShouldSendAgain(Outcome.FromResult(answer), Patience, Now));
    }

    [Fact]
    public void AServerError_IsSentAgainOnlyWhenTheRequestMayBeRepeated()
    {
        // A POST that got a 502 may have been done: a second comment is worse than none.
        Assert.False(GitHubHttp.ShouldSendAgain(Outcome.FromResult(Answer(HttpStatusCode.BadGateway, HttpMethod.Post)), Patience, Now));
        Assert.True(GitHubHttp.ShouldSendAgain(Outcome.FromResult(Answer(HttpStatusCode.BadGateway, HttpMethod.Get)), Patience, Now));
        Assert.True(GitHubHttp.ShouldSendAgain(Outcome.FromResult(Answer(HttpStatusCode.ServiceUnavailable, HttpMethod.Patch)), Patience, Now));
        Assert.False(GitHubHttp.ShouldSendAgain(Outcome.FromResult(Answer(HttpStatusCode.NotFound, HttpMethod.Get)), Patience, Now));
    }

    [Fact]
    public void TheApiRoot_OfGitHubEnterpriseServer_IsUnderApiV3()
    {
        Assert.Equal(new Uri("https://api.github.com/"), GitHubHttp.ApiRoot(new Uri("https://api.github.com/")));
        Assert.Equal(new Uri("https://github.example.com/api/v3/"), GitHubHttp.ApiRoot(new Uri("https://github.example.com/")));
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, HttpMethod method, params (string Name, string Value)[] headers)
    {
        var answer = new HttpResponseMessage(status) { RequestMessage = new HttpRequestMessage(method, "https://api.github.com/repos/o/r/issues/1/comments") };
        foreach (var (name, value) in headers)
        {
            answer.Headers.TryAddWithoutValidation(name, value);
        }

        return answer;
    }
}
