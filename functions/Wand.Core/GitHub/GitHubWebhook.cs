using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wand.Plumbing;
using Wand.Storage;

namespace Wand.GitHub;

/// <summary>
/// <c>POST /api/github/webhook</c>, shared by `wand serve` and the Functions app: checks the
/// delivery's signature, reads the event against the triggers and only schedules
/// <see cref="PullRequestFixOrchestrator"/>, so it answers well within GitHub's 10 seconds. The
/// instance id comes from <c>X-GitHub-Delivery</c>, which a redelivery repeats: a delivery seen
/// before is answered as a duplicate and schedules nothing. The signature covers the body but not
/// the delivery id, so a body is also remembered by its hash: a signed body seen before under
/// another delivery id is someone sending a captured delivery again, and schedules nothing either.
/// </summary>
/// <remarks>
/// Answers: 401 for a missing or wrong signature (checked before the body is read as JSON),
/// 400 for a delivery without its headers or a body that is not its event's shape, 200 with a
/// reason for an event that asks for nothing (pings, other events, other labels) and for a
/// duplicate, 202 when a fix was scheduled, 503 when it is not set up (<see cref="GitHubOptions.WebhookProblem"/>).
/// </remarks>
public sealed partial class GitHubWebhook(IOptions<GitHubOptions> options, ArtifactStore store, ILogger<GitHubWebhook> logger)
{
    public const string Route = "/api/github/webhook";

    /// <summary>GitHub caps a webhook payload at 25 MB.</summary>
    public const long MaxBodyBytes = 25 * 1024 * 1024;

    public const string EventHeader = "X-GitHub-Event";

    public const string DeliveryHeader = "X-GitHub-Delivery";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")]
    private static partial Regex DeliveryId();

    public async Task<ApiAnswer> ReceiveAsync(
        DurableTaskClient client, string? eventName, string? deliveryId, string? signature, byte[] body, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.WebhookProblem() is { } problem)
        {
            return ApiAnswer.Problem(503, "Webhook not configured", problem);
        }

        if (!WebhookSignature.IsValid(body, signature, settings.WebhookSecret!))
        {
            LogBadSignature(logger, deliveryId, signature is null ? "missing" : "wrong");
            return ApiAnswer.Problem(401, "Bad signature",
                $"the {WebhookSignature.Header} header is {(signature is null ? "missing" : "not the body's HMAC-SHA256 under the webhook secret")}");
        }

        if (string.IsNullOrWhiteSpace(eventName))
        {
            return BadDelivery($"the {EventHeader} header is missing");
        }

        if (deliveryId is null || !DeliveryId().IsMatch(deliveryId))
        {
            return BadDelivery($"the {DeliveryHeader} header is {(deliveryId is null ? "missing" : $"'{deliveryId}', not a delivery id")}");
        }

        WebhookDecision decision;
        try
        {
            decision = WebhookEvent.Read(eventName, deliveryId, body, settings.Triggers, settings.AppId);
        }
        catch (WebhookPayloadException ex)
        {
            return BadDelivery($"{eventName} delivery {deliveryId}: {ex.Message}");
        }

        if (decision.Fix is not { } fix)
        {
            return ApiAnswer.Ok(new { status = "ignored", reason = decision.Ignored });
        }

        if (settings.UsesApp && fix.InstallationId is null)
        {
            return ApiAnswer.Ok(new { status = "ignored", reason = "the delivery names no App installation, so Wand has no token for the repository: is this webhook the App's own?" });
        }

        return await ScheduleOnceAsync(client, deliveryId, body, fix, cancellationToken);
    }

    /// <summary>Schedules the fix unless this delivery, or this body under another delivery id, was received before.</summary>
    private async Task<ApiAnswer> ScheduleOnceAsync(
        DurableTaskClient client, string deliveryId, byte[] body, PullRequestFixRequest fix, CancellationToken cancellationToken)
    {
        var first = await FirstDeliveryOfAsync(body, deliveryId, cancellationToken);
        if (first != deliveryId)
        {
            LogReplayed(logger, deliveryId, first);
            return ApiAnswer.Ok(new
            {
                status = "duplicate",
                id = PullRequestFixOrchestrator.InstanceId(first),
                reason = $"this body was delivered before as {first}: the same signed body under a new delivery id is a replay, not a new event",
            });
        }

        var instanceId = PullRequestFixOrchestrator.InstanceId(deliveryId);
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            return Duplicate(instanceId);
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                PullRequestFixOrchestrator.Name, fix, new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (Exception)
        {
            // The same delivery, twice at once: the other one scheduled it.
            if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is not null)
            {
                return Duplicate(instanceId);
            }

            throw;
        }

        LogScheduled(logger, instanceId, fix.FullName, fix.Number, fix.Trigger);
        return new ApiAnswer(202, new { status = "scheduled", id = instanceId, repository = fix.FullName, pullRequest = fix.Number, trigger = fix.Trigger });
    }

    /// <summary>
    /// The delivery id under which <paramref name="body"/> first came: <paramref name="deliveryId"/>
    /// when it is new, or when it is this delivery again (GitHub's redelivery keeps the id, so a
    /// redelivery after a failed attempt still schedules). Kept as a blob named by the body's
    /// SHA-256, created only if absent, so two copies at once cannot both be first.
    /// </summary>
    private async Task<string> FirstDeliveryOfAsync(byte[] body, string deliveryId, CancellationToken cancellationToken)
    {
        var name = BodyMarker(body);
        if (await store.TryCreateTextAsync(name, deliveryId, cancellationToken))
        {
            return deliveryId;
        }

        return await store.GetTextAsync(name, cancellationToken) is { Length: > 0 } first && DeliveryId().IsMatch(first) ? first : deliveryId;
    }

    /// <summary>Where the first delivery id of a body is kept: <c>github/deliveries/{sha256 of the body}</c>.</summary>
    public static string BodyMarker(byte[] body) => $"github/deliveries/{Convert.ToHexStringLower(SHA256.HashData(body))}";

    /// <summary>The raw body, whose bytes the signature covers, or null when it is over <see cref="MaxBodyBytes"/>.</summary>
    public static async Task<byte[]?> ReadBodyAsync(Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        if (contentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static ApiAnswer TooLarge() => ApiAnswer.Problem(413, "Too large", $"a webhook payload is at most {MaxBodyBytes:N0} bytes");

    private static ApiAnswer Duplicate(string instanceId) =>
        ApiAnswer.Ok(new { status = "duplicate", id = instanceId, reason = "this delivery was received before; its fix is already scheduled" });

    private static ApiAnswer BadDelivery(string detail) => ApiAnswer.Problem(400, "Bad webhook delivery", detail);

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "GitHub webhook delivery {DeliveryId} refused: signature {What}")]
    private static partial void LogBadSignature(ILogger logger, string? deliveryId, string what);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Scheduled {InstanceId}: fix {Repository}#{Number} ({Trigger})")]
    private static partial void LogScheduled(ILogger logger, string instanceId, string repository, int number, string trigger);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "GitHub webhook delivery {DeliveryId} refused as a replay: its signed body came before as delivery {FirstDeliveryId}")]
    private static partial void LogReplayed(ILogger logger, string deliveryId, string firstDeliveryId);
}
