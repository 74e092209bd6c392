using System.Net.Http.Headers;

namespace Wand.Plumbing;

/// <summary>
/// Every POST of the API takes JSON, sent as <c>application/json</c>, in both hosts. A browser
/// posts a <c>text/plain</c>, form or multipart body to another site without asking it first (no
/// CORS preflight); a JSON content type it only sends after the site agreed. Refusing the
/// others means no web page can make a visitor's browser submit work to Wand.
/// </summary>
public static class JsonBody
{
    public const string MediaType = "application/json";

    // A content type is echoed in the answer; a hostile one is not echoed whole.
    private const int EchoedLength = 80;

    /// <summary>Null when <paramref name="contentType"/> is JSON; otherwise the 415 answer that names what was sent.</summary>
    public static ApiAnswer? Refusal(string? contentType)
    {
        if (MediaTypeHeaderValue.TryParse(contentType, out var parsed) && string.Equals(parsed.MediaType, MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var sent = string.IsNullOrWhiteSpace(contentType)
            ? "none was sent"
            : $"not '{(contentType.Length > EchoedLength ? contentType[..EchoedLength] + "..." : contentType)}'";
        return ApiAnswer.Problem(415, "Unsupported media type", $"the body must be JSON sent with Content-Type: {MediaType}; {sent}");
    }
}
