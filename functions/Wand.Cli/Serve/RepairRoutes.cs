using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wand.Pipeline;
using Wand.Sandbox;
using Wand.Storage;

namespace Wand.Cli.Serve;

/// <summary>
/// The repair API `wand serve` answers, the same routes as the Functions app: submit
/// (<c>POST /api/repairs</c>, 202 with the id and a Location), follow (<c>GET /api/repairs/{id}</c>),
/// cancel (<c>DELETE</c>), list by status, and read a job's artifacts. Bad input is a
/// problem+json answer that names the problem; an unknown id is 404.
/// </summary>
public static partial class RepairRoutes
{
    /// <summary>The largest body accepted: a job's files may hold 10 MB, and base64 adds a third.</summary>
    public const long MaxBodyBytes = 16 * 1024 * 1024;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex JobId();

    public static IEndpointRouteBuilder MapRepairRoutes(this IEndpointRouteBuilder app, string? apiKey)
    {
        var api = app.MapGroup("/api/repairs");
        if (!string.IsNullOrEmpty(apiKey))
        {
            api.AddEndpointFilter(async (context, next) => HasKey(context.HttpContext.Request, apiKey)
                ? await next(context)
                : TypedResults.Problem("Send the API key in the x-functions-key header (or the code query parameter).", statusCode: 401, title: "API key missing or wrong"));
        }

        api.MapPost("", SubmitAsync);
        api.MapGet("", ListAsync);
        api.MapGet("/{id}", GetAsync);
        api.MapDelete("/{id}", CancelAsync);
        api.MapGet("/{id}/artifacts/{**path}", ArtifactAsync);
        return app;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return BadInput($"the body is {request.ContentLength:N0} bytes; the limit is {MaxBodyBytes:N0}", 413);
        }

        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            var buffer = new char[MaxBodyBytes + 1];
            var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
            if (read > MaxBodyBytes)
            {
                return BadInput($"the body is over the limit of {MaxBodyBytes:N0} bytes", 413);
            }

            body = new string(buffer, 0, read);
        }

        try
        {
            var (job, settings) = RepairSubmission.Parse(body).ToJob(services.GetRequiredService<IOptions<RepairSettings>>().Value);
            var client = services.GetRequiredService<DurableTaskClient>();
            var id = await services.GetRequiredService<RepairJobs>().StartAsync(client, job, settings, cancellationToken);
            var location = $"/api/repairs/{id}";
            return TypedResults.Accepted(location, new { id, status = "pending", location });
        }
        catch (InvalidJobException ex)
        {
            return BadInput(ex.Message);
        }
    }

    private static async Task<IResult> GetAsync(string id, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!JobId().IsMatch(id))
        {
            return BadInput($"'{id}' is not a job id");
        }

        var state = await services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        return state is null ? NotFound(id) : TypedResults.Ok(RepairStatusView.From(state, "/api/repairs"));
    }

    private static async Task<IResult> CancelAsync(string id, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!JobId().IsMatch(id))
        {
            return BadInput($"'{id}' is not a job id");
        }

        var client = services.GetRequiredService<DurableTaskClient>();
        var state = await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken);
        if (state is null)
        {
            return NotFound(id);
        }

        if (state.IsCompleted)
        {
            return TypedResults.Problem($"repair {id} has already ended ({RepairStatusView.StatusOf(state.RuntimeStatus)})", statusCode: 409, title: "Already ended");
        }

        await client.TerminateInstanceAsync(id, "canceled through the API", cancellationToken);
        return TypedResults.Accepted($"/api/repairs/{id}", new { id, status = "canceling" });
    }

    private static async Task<IResult> ListAsync(string? status, IServiceProvider services, CancellationToken cancellationToken)
    {
        IReadOnlyList<OrchestrationRuntimeStatus>? statuses = null;
        if (status is not null && (statuses = RepairStatusView.RuntimeStatuses(status)) is null)
        {
            return BadInput($"unknown status '{status}'; known: pending, running, completed, failed, canceled");
        }

        var query = new OrchestrationQuery { Statuses = statuses, FetchInputsAndOutputs = true, PageSize = 1000 };
        var found = new List<RepairStatusView>();
        await foreach (var state in services.GetRequiredService<DurableTaskClient>().GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (state.Name == RepairOrchestrator.Name)
            {
                found.Add(RepairStatusView.From(state, "/api/repairs"));
            }
        }

        return TypedResults.Ok(found.OrderByDescending(v => v.CreatedUtc).ToList());
    }

    private static async Task<IResult> ArtifactAsync(string id, string path, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!JobId().IsMatch(id) || path.Split('/').Any(s => s is "" or "." or ".."))
        {
            return BadInput($"'{id}/{path}' is not an artifact of a job");
        }

        var text = await services.GetRequiredService<ArtifactStore>().GetTextAsync($"{JobArtifacts.Prefix(id)}{path}", cancellationToken);
        var type = Path.GetExtension(path) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".json" => "application/json",
            ".md" => "text/markdown; charset=utf-8",
            _ => "text/plain; charset=utf-8",
        };
        return text is null
            ? TypedResults.Problem($"job {id} has no artifact '{path}'", statusCode: 404, title: "Not found")
            : TypedResults.Text(text, type);
    }

    private static bool HasKey(HttpRequest request, string apiKey)
    {
        var given = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault() ?? "";
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult BadInput(string detail, int status = 400) =>
        TypedResults.Problem(detail, statusCode: status, title: status == 413 ? "Too large" : "Bad repair request");

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound(string id) => TypedResults.Problem($"no repair has the id '{id}'", statusCode: 404, title: "Not found");
}
