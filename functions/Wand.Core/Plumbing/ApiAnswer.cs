namespace Wand.Plumbing;

/// <summary>
/// What Wand's HTTP APIs (repairs, batches, health) answer, whichever host serves them: a status
/// code and a JSON body (or a text body with its content type), and a Location for created work.
/// Each host turns it into its own result type; the logic is in each capability's API class.
/// </summary>
public sealed record ApiAnswer(int Status, object? Body, string? Location = null, string? Text = null, string? ContentType = null)
{
    public static ApiAnswer Ok(object body) => new(200, body);

    public static ApiAnswer Accepted(string location, object body) => new(202, body, location);

    /// <summary>An RFC 9457 problem: <c>application/problem+json</c> with a title and the detail that names the problem.</summary>
    public static ApiAnswer Problem(int status, string title, string detail) => new(status, new ProblemBody($"https://httpstatuses.io/{status}", title, status, detail));

    public bool IsProblem => Body is ProblemBody;
}

/// <summary>The body of a problem answer.</summary>
public sealed record ProblemBody(string Type, string Title, int Status, string Detail);
