namespace Wand.Plumbing;

/// <summary>
/// What Wand's HTTP APIs (repairs, batches, health) answer, whichever host serves them: a status
/// code and a JSON body (or a text body with its content type), a Location for created work, and
/// the headers of the Durable HTTP conventions (Retry-After, a continuation token).
/// Each host turns it into its own result type; the logic is in each capability's API class.
/// </summary>
public sealed record ApiAnswer(
    int Status, object? Body, string? Location = null, string? Text = null, string? ContentType = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>The header that carries a listing's continuation token, both ways, as in Durable Functions' own HTTP API.</summary>
    public const string ContinuationHeader = "x-ms-continuation-token";

    public static ApiAnswer Ok(object body) => new(200, body);

    public static ApiAnswer Accepted(string location, object body) => new(202, body, location);

    /// <summary>
    /// Work that has not ended: 202 with its own address and how long to wait before asking
    /// again, as Durable Functions' status endpoint answers (a poller stops at the first 200).
    /// </summary>
    public static ApiAnswer StillRunning(string location, object body, int retryAfterSeconds) =>
        new(202, body, location, Headers: new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>One page of a listing; the token, when there is one, asks for the next.</summary>
    public static ApiAnswer Page(object body, string? continuationToken) =>
        new(200, body, Headers: continuationToken is null ? null : new Dictionary<string, string> { [ContinuationHeader] = continuationToken });

    /// <summary>An RFC 9457 problem: <c>application/problem+json</c> with a title and the detail that names the problem.</summary>
    public static ApiAnswer Problem(int status, string title, string detail) => new(status, new ProblemBody($"https://httpstatuses.io/{status}", title, status, detail));

    public bool IsProblem => Body is ProblemBody;
}

/// <summary>The body of a problem answer.</summary>
public sealed record ProblemBody(string Type, string Title, int Status, string Detail);
