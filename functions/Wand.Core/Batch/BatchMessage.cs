using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Wand.Plumbing;

namespace Wand.Batch;

/// <summary>
/// A message on the batch queue: it names a batch of repair jobs, either a JSONL blob in the
/// artifact container (one job per line, as <c>POST /api/repairs</c> takes them) or a small
/// inline list.
/// <code>
/// { "id": "nightly-2026-11-25", "blob": "batches/nightly.jsonl", "parallelism": 4 }
/// { "jobs": [{ "files": [...], "generator": "search" }, ...] }
/// </code>
/// </summary>
/// <param name="Id">The batch's id. A message without one gets a hash of its text, so the same message delivered twice is the same batch.</param>
public sealed partial record BatchMessage(string? Id, string? Blob, IReadOnlyList<JsonElement>? Jobs, int? Parallelism)
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex BatchId();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$")]
    private static partial Regex BlobName();

    public static bool IsBatchId(string id) => BatchId().IsMatch(id);

    /// <summary>The batch's id: the one given, or a hash of the message.</summary>
    public string BatchIdOr(string text) =>
        Id ?? "h" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..20];

    /// <summary>
    /// Reads a message's JSON (see <see cref="Decoded"/> for one that came in base64) and checks its
    /// shape; throws <see cref="InvalidBatchException"/> naming the problem. The jobs themselves
    /// are checked one by one when the batch runs, so one bad job never sinks the others.
    /// </summary>
    public static BatchMessage Parse(string text, BatchSettings settings)
    {
        BatchMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<BatchMessage>(text, WandJson.Strict);
        }
        catch (JsonException ex)
        {
            var what = ex.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "it has a member Wand does not know (known: id, blob, jobs, parallelism)" : "it is not a batch object";
            var where = ex.Path is { Length: > 1 } path ? $" at {path}" : "";
            throw new InvalidBatchException($"the message is not a batch{where}: {what} (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})");
        }

        if (message is null)
        {
            throw new InvalidBatchException("the message is JSON null; it must be a batch object");
        }

        if (message.Id is { } id && !BatchId().IsMatch(id))
        {
            throw new InvalidBatchException($"the batch id '{id}' is not usable: 1-64 letters, digits, '-' or '_', starting with a letter or digit");
        }

        if ((message.Blob is null) == (message.Jobs is null))
        {
            throw new InvalidBatchException("a batch needs exactly one of \"blob\" (a JSONL blob of jobs in the artifact container) and \"jobs\" (a list of jobs)");
        }

        if (message.Blob is { } blob && (!BlobName().IsMatch(blob) || blob.Split('/').Any(s => s is "." or "..")))
        {
            throw new InvalidBatchException($"\"blob\": '{blob}' is not a blob name in the artifact container (like batches/nightly.jsonl)");
        }

        if (message.Jobs is { } jobs)
        {
            if (jobs.Count == 0)
            {
                throw new InvalidBatchException("\"jobs\" is empty: a batch needs at least one job");
            }

            if (jobs.Count > settings.MaxJobs)
            {
                throw new InvalidBatchException($"the batch has {jobs.Count} jobs; at most {settings.MaxJobs}");
            }

            var notObject = jobs.Select((j, i) => (j, i)).FirstOrDefault(x => x.j.ValueKind != JsonValueKind.Object);
            if (notObject.j.ValueKind is not JsonValueKind.Object and not JsonValueKind.Undefined)
            {
                throw new InvalidBatchException($"jobs[{notObject.i}] is {notObject.j.ValueKind.ToString().ToLowerInvariant()}; each job is an object");
            }
        }

        if (message.Parallelism is { } p && (p < 1 || p > settings.MaxParallelism))
        {
            throw new InvalidBatchException($"\"parallelism\" must be between 1 and {settings.MaxParallelism} (got {p})");
        }

        return message;
    }

    /// <summary>The message text as JSON: base64 is decoded when the text is not JSON already.</summary>
    public static string Decoded(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('{') || trimmed.Length == 0)
        {
            return text;
        }

        var bytes = new byte[trimmed.Length];
        return Convert.TryFromBase64String(trimmed, bytes, out var written) && Encoding.UTF8.GetString(bytes, 0, written).TrimStart() is { } json && json.StartsWith('{')
            ? json
            : text;
    }
}
