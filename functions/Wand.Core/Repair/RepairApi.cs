using System.Text.RegularExpressions;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Wand.Jobs;
using Wand.Plumbing;
using Wand.Storage;

namespace Wand.Repair;

/// <summary>
/// The repair API's logic, shared by `wand serve` and the Functions app: submit a job, follow
/// it, cancel it, list repairs by status, read a job's artifacts. Each host brings its own
/// <see cref="DurableTaskClient"/> and turns <see cref="ApiAnswer"/> into its HTTP result.
/// </summary>
public sealed partial class RepairApi(RepairJobs jobs, ArtifactStore store, IOptions<RepairSettings> settings)
{
    /// <summary>The largest body accepted: a job's files may hold 10 MB, and base64 adds a third.</summary>
    public const long MaxBodyBytes = 16 * 1024 * 1024;

    public const string BasePath = "/api/repairs";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex JobId();

    public async Task<ApiAnswer> SubmitAsync(DurableTaskClient client, string body, CancellationToken cancellationToken)
    {
        try
        {
            var (job, repair, notes) = RepairSubmission.Parse(body).ToJob(settings.Value, jobs.Limits);
            var id = await jobs.StartAsync(client, job, repair, cancellationToken, notes: notes);
            var location = $"{BasePath}/{id}";
            // The notes (a budget capped to the configured one) are in the outcome too; here the caller learns of them at once.
            return ApiAnswer.Accepted(location, notes.Count == 0 ? (object)new { id, status = "pending", location } : new { id, status = "pending", location, notes });
        }
        catch (InvalidJobException ex)
        {
            return BadInput(ex.Message);
        }
        catch (Exception ex) when (IsStorageDown(ex))
        {
            return StorageDown(ex, "job");
        }
    }

    /// <summary>Storage that does not answer (restarting, unreachable): the request can be sent again as it was.</summary>
    public static bool IsStorageDown(Exception ex) =>
        ex is Azure.RequestFailedException { Status: 0 or >= 500 } or HttpRequestException or IOException or TimeoutException;

    /// <summary>503: nothing was started; the same request may be sent again.</summary>
    public static ApiAnswer StorageDown(Exception ex, string what) =>
        ApiAnswer.Problem(503, "Storage unavailable", $"the {what} could not be stored, so nothing was started; send it again in a few seconds ({ex.Message.Split('\n')[0]})");

    /// <summary>A request body as text, or null when it is over <see cref="MaxBodyBytes"/>.</summary>
    public static async Task<string?> ReadBodyAsync(Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        if (contentLength > MaxBodyBytes)
        {
            return null;
        }

        using var reader = new StreamReader(body, System.Text.Encoding.UTF8);
        var buffer = new char[MaxBodyBytes + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return read > MaxBodyBytes ? null : new string(buffer, 0, read);
    }

    public static ApiAnswer TooLarge(long? bytes) =>
        ApiAnswer.Problem(413, "Too large", bytes is { } b ? $"the body is {b:N0} bytes; the limit is {MaxBodyBytes:N0}" : $"the body is over the limit of {MaxBodyBytes:N0} bytes");

    public async Task<ApiAnswer> GetAsync(DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        if (!JobId().IsMatch(id))
        {
            return BadInput($"'{id}' is not a job id");
        }

        var state = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        if (state is null || state.IsCompleted)
        {
            return state is null ? NotFound(id) : ApiAnswer.Ok(RepairStatusView.From(state, BasePath));
        }

        var view = RepairStatusView.From(state, BasePath);
        return ApiAnswer.StillRunning($"{BasePath}/{id}", view with { Search = await jobs.SearchProgressAsync(id, view.Progress, cancellationToken) }, PollSeconds);
    }

    /// <summary>How long a poller of a running repair is asked to wait (Retry-After).</summary>
    public const int PollSeconds = 5;

    public static async Task<ApiAnswer> CancelAsync(DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        if (!JobId().IsMatch(id))
        {
            return BadInput($"'{id}' is not a job id");
        }

        var state = await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken);
        if (state is null)
        {
            return NotFound(id);
        }

        if (state.IsCompleted)
        {
            return ApiAnswer.Problem(409, "Already ended", $"repair {id} has already ended ({RepairStatusView.StatusOf(state.RuntimeStatus)})");
        }

        await client.TerminateInstanceAsync(id, "canceled through the API", cancellationToken);
        return ApiAnswer.Accepted($"{BasePath}/{id}", new { id, status = "canceling" });
    }

    /// <summary>
    /// One page of the repairs, in the engine's order (by id, so oldest first for the API's own
    /// ids); the answer's <see cref="ApiAnswer.ContinuationHeader"/> asks for the next page.
    /// </summary>
    public static async Task<ApiAnswer> ListAsync(
        DurableTaskClient client, string? status, string? continuationToken, string? pageSize, CancellationToken cancellationToken)
    {
        IReadOnlyList<OrchestrationRuntimeStatus>? statuses = null;
        if (status is not null && (statuses = RepairStatusView.RuntimeStatuses(status)) is null)
        {
            return BadInput($"unknown status '{status}'; known: pending, running, completed, failed, canceled");
        }

        var (size, problem) = InstancePages.SizeOf(pageSize);
        if (problem is not null)
        {
            return BadInput(problem);
        }

        var query = new OrchestrationQuery { Statuses = statuses, FetchInputsAndOutputs = true };
        var page = await InstancePages.ReadAsync(
            client, query, continuationToken, size, s => s.Name == RepairOrchestrator.Name ? RepairStatusView.From(s, BasePath) : null, cancellationToken);
        return ApiAnswer.Page(page.Items, page.ContinuationToken);
    }

    public async Task<ApiAnswer> ArtifactAsync(string id, string path, CancellationToken cancellationToken)
    {
        if (!JobId().IsMatch(id) || path.Split('/').Any(s => s is "" or "." or ".."))
        {
            return BadInput($"'{id}/{path}' is not an artifact of a job");
        }

        var text = await store.GetTextAsync($"{JobBlobNames.Prefix(id)}{path}", cancellationToken);
        var type = Path.GetExtension(path) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".json" => "application/json",
            ".md" => "text/markdown; charset=utf-8",
            _ => "text/plain; charset=utf-8",
        };
        return text is null
            ? ApiAnswer.Problem(404, "Not found", $"job {id} has no artifact '{path}'")
            : new ApiAnswer(200, null, Text: text, ContentType: type);
    }

    private static ApiAnswer BadInput(string detail) => ApiAnswer.Problem(400, "Bad repair request", detail);

    private static ApiAnswer NotFound(string id) => ApiAnswer.Problem(404, "Not found", $"no repair has the id '{id}'");
}
