using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Octokit.Internal;
using Polly;

namespace Wand.GitHub;

/// <summary>
/// The one HTTP client every Octokit client of Wand shares (connections pooled once, not per
/// request), behind a resilience handler that waits out GitHub's rate limits as GitHub asks: a
/// 403 or 429 with <c>Retry-After</c> is sent again after that many seconds; one with
/// <c>x-ratelimit-remaining: 0</c> after <c>x-ratelimit-reset</c>; never for longer than
/// <see cref="GitHubOptions.MaxRateLimitWait"/> (then the call fails with GitHub's answer). A 403
/// without those headers is a refusal (no permission), not a limit, and is not sent again.
/// Server errors are sent again only for requests that can be repeated (not a POST, which may
/// have been done).
/// </summary>
public sealed class GitHubHttp(IHttpMessageHandlerFactory handlers)
{
    public const string ClientName = "github";

    private readonly Lazy<IHttpClient> _octokit = new(() => new HttpClientAdapter(() => handlers.CreateHandler(ClientName)));

    /// <summary>The shared client, as Octokit's connections take it.</summary>
    public IHttpClient Octokit => _octokit.Value;

    /// <summary>The REST API's root as Octokit wants it: GitHub Enterprise Server's is under <c>api/v3/</c>.</summary>
    public static Uri ApiRoot(Uri configured) =>
        configured.Host is "github.com" or "api.github.com" ? new Uri("https://api.github.com/") : new Uri(configured, "api/v3/");

    /// <summary>The named client's pipeline: the rate-limit and transient-error retries.</summary>
    public static void AddRetries(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<GitHubOptions>>();
        var time = services.GetRequiredService<TimeProvider>();
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromSeconds(1),
            ShouldHandle = args => ValueTask.FromResult(ShouldSendAgain(args.Outcome, options.Value.MaxRateLimitWait, time.GetUtcNow())),
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } answer ? RateLimitWait(answer, time.GetUtcNow()) : null),
        });
    }

    /// <summary>Whether a request that got <paramref name="outcome"/> is sent again.</summary>
    public static bool ShouldSendAgain(Outcome<HttpResponseMessage> outcome, TimeSpan patience, DateTimeOffset now)
    {
        if (outcome.Result is { } answer && RateLimitWait(answer, now) is { } wait)
        {
            return wait <= patience;
        }

        var repeatable = outcome.Result?.RequestMessage?.Method is { } method && method != HttpMethod.Post;
        return repeatable && HttpClientResiliencePredicates.IsTransient(outcome);
    }

    /// <summary>How long GitHub asks to wait before a rate-limited request is sent again; null when the answer is not a rate limit.</summary>
    public static TimeSpan? RateLimitWait(HttpResponseMessage answer, DateTimeOffset now)
    {
        if (answer.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
        {
            return null;
        }

        if (answer.Headers.RetryAfter is { } retryAfter)
        {
            return retryAfter.Delta ?? (retryAfter.Date is { } date ? Max(date - now) : null);
        }

        if (Header(answer, "x-ratelimit-remaining") == "0" && long.TryParse(Header(answer, "x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            return Max(DateTimeOffset.FromUnixTimeSeconds(reset) - now + TimeSpan.FromSeconds(1));
        }

        // GitHub: a secondary limit without either header is waited out for at least a minute.
        return answer.StatusCode == HttpStatusCode.TooManyRequests ? TimeSpan.FromMinutes(1) : null;
    }

    private static TimeSpan Max(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait;

    private static string? Header(HttpResponseMessage answer, string name) =>
        answer.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
