using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Wand.Plumbing;

namespace Wand.Cli.Serve;

/// <summary>
/// What `wand serve` refuses outside the API's own answers is problem+json too, with a detail
/// that names the problem: a route or method nothing answers, a request Kestrel refuses (a body
/// over its limit), and a failure (whose text stays in the log, not in the answer).
/// </summary>
public static class ServeProblems
{
    // A path is echoed in the answer; a hostile one is not echoed whole.
    private const int EchoedLength = 120;

    public static WebApplication UseServeProblems(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context => RepairRoutes.ToResult(Failure(context)).ExecuteAsync(context),
        });
        app.UseStatusCodePages(context => RepairRoutes.ToResult(Unanswered(context.HttpContext)).ExecuteAsync(context.HttpContext));
        return app;
    }

    /// <summary>An empty error answer (no route, a method the route does not take) given a body.</summary>
    private static ApiAnswer Unanswered(HttpContext context)
    {
        var request = context.Request;
        var status = context.Response.StatusCode;
        var what = $"{request.Method} {Echo(request.Path.Value ?? "/")}";
        return status switch
        {
            404 => ApiAnswer.Problem(404, "Not found", $"nothing answers {what}: the routes are under /api/repairs, /api/batches, /api/health and /api/github/webhook"),
            405 => ApiAnswer.Problem(405, "Method not allowed", $"{what}: the route does not take {request.Method}; it takes {context.Response.Headers.Allow}"),
            _ => ApiAnswer.Problem(status, Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status), $"{what} was refused with {status}"),
        };
    }

    private static ApiAnswer Failure(HttpContext context)
    {
        var request = context.Request;
        return context.Features.Get<IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad
            ? ApiAnswer.Problem(bad.StatusCode, Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(bad.StatusCode), $"{request.Method} {Echo(request.Path.Value ?? "/")}: {bad.Message}")
            : ApiAnswer.Problem(500, "Internal server error", $"{request.Method} {Echo(request.Path.Value ?? "/")} failed; wand serve's log says why");
    }

    private static string Echo(string text) => text.Length > EchoedLength ? text[..EchoedLength] + "..." : text;
}
