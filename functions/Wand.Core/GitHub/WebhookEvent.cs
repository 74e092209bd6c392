using System.Text.Json;

namespace Wand.GitHub;

/// <summary>What Wand makes of one webhook delivery: a pull request to fix, or the reason it is ignored.</summary>
public sealed record WebhookDecision(PullRequestFixRequest? Fix, string? Ignored)
{
    public static WebhookDecision Ignore(string reason) => new(null, reason);
}

/// <summary>
/// Reads a webhook delivery (the <c>X-GitHub-Event</c> name and the JSON body) against the
/// configured triggers: a <c>/wand fix</c> comment on a pull request, a label added to one, a
/// failed check suite of one. Anything else is ignored with a reason; a payload that is not
/// the event's shape is a <see cref="WebhookPayloadException"/> naming what is missing.
/// </summary>
public static class WebhookEvent
{
    public static WebhookDecision Read(string eventName, string deliveryId, ReadOnlySpan<byte> body, GitHubTriggers triggers, long? ownAppId)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException ex)
        {
            throw new WebhookPayloadException($"the body is not JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new WebhookPayloadException("the body is not a JSON object");
            }

            return eventName switch
            {
                "ping" => WebhookDecision.Ignore("ping: the webhook is set up"),
                "issue_comment" => Comment(root, deliveryId, triggers),
                "pull_request" => Label(root, deliveryId, triggers),
                "check_suite" => CheckSuite(root, deliveryId, triggers, ownAppId),
                "check_run" => CheckRunAgain(root, deliveryId, ownAppId),
                _ => WebhookDecision.Ignore($"event '{eventName}' is not one Wand acts on (issue_comment, pull_request, check_suite, check_run)"),
            };
        }
    }

    private static WebhookDecision Comment(JsonElement root, string deliveryId, GitHubTriggers triggers)
    {
        var action = String(root, "action");
        var issue = Object(root, "issue");
        var comment = Object(root, "comment");
        if (action != "created")
        {
            return WebhookDecision.Ignore($"issue_comment '{action}': only new comments ask for a fix");
        }

        if (!issue.TryGetProperty("pull_request", out var pr) || pr.ValueKind != JsonValueKind.Object)
        {
            return WebhookDecision.Ignore("the comment is on an issue, not a pull request");
        }

        var text = String(comment, "body").TrimStart();
        var firstLine = text.Split('\n', 2)[0].TrimEnd('\r', ' ', '\t');
        if (!firstLine.Equals(triggers.FixCommand, StringComparison.OrdinalIgnoreCase))
        {
            return WebhookDecision.Ignore($"the comment does not start with '{triggers.FixCommand}'");
        }

        var association = comment.TryGetProperty("author_association", out var a) ? a.GetString() ?? "" : "";
        var author = Login(comment);
        if (!GitHubTriggers.CommentAuthorAssociations.Contains(association, StringComparer.OrdinalIgnoreCase))
        {
            return WebhookDecision.Ignore($"{author} ({association}) may not ask for a fix: only {string.Join(", ", GitHubTriggers.CommentAuthorAssociations)} may");
        }

        return Fix(root, Number(issue), deliveryId, $"comment '{triggers.FixCommand}' by {author}");
    }

    private static WebhookDecision Label(JsonElement root, string deliveryId, GitHubTriggers triggers)
    {
        var action = String(root, "action");
        if (action != "labeled")
        {
            return WebhookDecision.Ignore($"pull_request '{action}': only adding the '{triggers.Label}' label asks for a fix");
        }

        var label = String(Object(root, "label"), "name");
        return label.Equals(triggers.Label, StringComparison.OrdinalIgnoreCase)
            ? Fix(root, Number(Object(root, "pull_request")), deliveryId, $"label '{label}'")
            : WebhookDecision.Ignore($"label '{label}' is not '{triggers.Label}'");
    }

    private static WebhookDecision CheckSuite(JsonElement root, string deliveryId, GitHubTriggers triggers, long? ownAppId)
    {
        var action = String(root, "action");
        var suite = Object(root, "check_suite");
        if (!triggers.OnFailedCheckSuite)
        {
            return WebhookDecision.Ignore("check suites do not ask for fixes here (Wand:GitHub:Triggers:OnFailedCheckSuite is off)");
        }

        if (action != "completed")
        {
            return WebhookDecision.Ignore($"check_suite '{action}': only a completed suite can have failed");
        }

        var conclusion = suite.TryGetProperty("conclusion", out var c) ? c.GetString() : null;
        if (conclusion != "failure")
        {
            return WebhookDecision.Ignore($"the check suite concluded '{conclusion ?? "nothing"}', not 'failure'");
        }

        // Wand's own check run fails when it cannot fix: that must not start another fix.
        if (suite.TryGetProperty("app", out var app) && app.ValueKind == JsonValueKind.Object && IsOwn(app, ownAppId))
        {
            return WebhookDecision.Ignore("the check suite is Wand's own");
        }

        // A failing commit of Wand's own is known by its author's account, once the head is fetched (PreparePullRequestFixActivity).
        // A commit shared by several pull requests is fixed once, on the first.
        return FirstPullRequest(suite) is { } number
            ? Fix(root, number, deliveryId, "failed check suite", unasked: true)
            : WebhookDecision.Ignore("the failed check suite belongs to no pull request of this repository");
    }

    /// <summary>
    /// The Re-run button of Wand's check run: GitHub sends <c>check_run</c> <c>rerequested</c> to the
    /// App that made the run, which makes a new one. The pull request is the run's first, or, for a
    /// fork's pull request (GitHub lists none there), the one its external id names.
    /// </summary>
    private static WebhookDecision CheckRunAgain(JsonElement root, string deliveryId, long? ownAppId)
    {
        var action = String(root, "action");
        var run = Object(root, "check_run");
        if (action != "rerequested")
        {
            return WebhookDecision.Ignore($"check_run '{action}': only a re-run of Wand's check asks for a fix");
        }

        if (!IsOwn(Object(run, "app"), ownAppId))
        {
            return WebhookDecision.Ignore("the check run asked to run again is not Wand's");
        }

        var number = FirstPullRequest(run)
            ?? (run.TryGetProperty("external_id", out var external) ? CheckRunIds.PullRequestOf(external.GetString()) : null);
        return number is { } named
            ? Fix(root, named, deliveryId, "re-run of the check")
            : WebhookDecision.Ignore("the check run asked to run again names no pull request of this repository");
    }

    /// <summary>Whether <paramref name="app"/> (a check suite's or a check run's) is Wand's own App.</summary>
    private static bool IsOwn(JsonElement app, long? ownAppId) =>
        ownAppId is { } own && app.TryGetProperty("id", out var appId) && appId.TryGetInt64(out var id) && id == own;

    /// <summary>The number of the first pull request a check suite or run lists; null when it lists none (a fork's head lists none).</summary>
    private static int? FirstPullRequest(JsonElement check) =>
        check.TryGetProperty("pull_requests", out var prs) && prs.ValueKind == JsonValueKind.Array && prs.GetArrayLength() > 0 ? Number(prs[0]) : null;

    private static WebhookDecision Fix(JsonElement root, int number, string deliveryId, string trigger, bool unasked = false)
    {
        var repository = Object(root, "repository");
        var owner = Login(Object(repository, "owner"));
        var name = String(repository, "name");
        long? installation = root.TryGetProperty("installation", out var i) && i.ValueKind == JsonValueKind.Object
            && i.TryGetProperty("id", out var id) && id.TryGetInt64(out var value) ? value : null;
        return new WebhookDecision(new PullRequestFixRequest(owner, name, number, installation, deliveryId, trigger, unasked), null);
    }

    private static string Login(JsonElement element) => element.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object
        ? String(user, "login")
        : String(element, "login");

    private static int Number(JsonElement element) =>
        element.TryGetProperty("number", out var n) && n.TryGetInt32(out var number) && number > 0
            ? number
            : throw new WebhookPayloadException("the payload has no pull request number ('number')");

    private static JsonElement Object(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new WebhookPayloadException($"the payload has no '{name}' object");

    private static string String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new WebhookPayloadException($"the payload has no '{name}' text");
}
