using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Wand.Fixtures;

/// <summary>One scripted answer of the <see cref="ScriptedLlmServer"/>.</summary>
public abstract record ScriptedReply
{
    /// <summary>A chat completion whose message is <paramref name="Text"/>.</summary>
    public sealed record Content(string Text, int PromptTokens = 100, int CompletionTokens = 50) : ScriptedReply;

    /// <summary>An error status, e.g. 429 with a Retry-After header, or 500.</summary>
    public sealed record Status(int Code, int? RetryAfterSeconds = null) : ScriptedReply;

    /// <summary>A completion that arrives after <paramref name="Delay"/>.</summary>
    public sealed record Slow(TimeSpan Delay, string Text) : ScriptedReply;

    /// <summary>200 with a body that is not valid JSON.</summary>
    public sealed record Malformed(string Body = "{\"id\": \"chatcmpl-1\", \"choices\": [") : ScriptedReply;
}

/// <summary>A request the server received, as it came.</summary>
public sealed record RecordedRequest(string Path, string? ApiKey, string? Authorization, JsonNode Body, DateTimeOffset At)
{
    /// <summary>The text of every message, in order.</summary>
    public string Prompt => string.Join("\n", Body["messages"]!.AsArray().Select(m => m!["content"]!.ToString()));
}

/// <summary>
/// An OpenAI-compatible server for tests: Kestrel on 127.0.0.1, serving the chat-completions
/// routes of OpenAI (<c>/v1/chat/completions</c>) and Azure OpenAI
/// (<c>/openai/deployments/{deployment}/chat/completions</c>) in their wire format, answering
/// from a script. An empty script answers 500, so a test never hangs on a missing reply.
/// </summary>
public sealed class ScriptedLlmServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedReply> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private ScriptedLlmServer(WebApplication app, Uri root)
    {
        _app = app;
        Root = root;
    }

    /// <summary>For Azure OpenAI clients: the resource endpoint.</summary>
    public Uri Root { get; }

    /// <summary>For OpenAI-compatible clients: the base URL including <c>/v1</c>.</summary>
    public Uri OpenAIBaseUrl => new(Root, "v1");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public void Enqueue(params ScriptedReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    public static async Task<ScriptedLlmServer> StartAsync()
    {
        ScriptedLlmServer? server = null;
        var (app, root) = await LoopbackKestrel.StartAsync(app =>
        {
            app.MapPost("/v1/chat/completions", (HttpContext http) => server!.AnswerAsync(http, null));
            app.MapPost("/openai/deployments/{deployment}/chat/completions", (HttpContext http, string deployment) => server!.AnswerAsync(http, deployment));
        });
        server = new ScriptedLlmServer(app, root);
        return server;
    }

    public ValueTask DisposeAsync() => LoopbackKestrel.StopAsync(_app);

    private async Task AnswerAsync(HttpContext http, string? deployment)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body) ?? new JsonObject();
        _requests.Enqueue(new RecordedRequest(http.Request.Path, http.Request.Headers["api-key"].FirstOrDefault(),
            http.Request.Headers.Authorization.FirstOrDefault(), body, DateTimeOffset.UtcNow));
        var model = deployment ?? body["model"]?.ToString() ?? "scripted";
        if (!_script.TryDequeue(out var reply))
        {
            reply = new ScriptedReply.Status(500);
        }

        switch (reply)
        {
            case ScriptedReply.Status status:
                http.Response.StatusCode = status.Code;
                if (status.RetryAfterSeconds is { } seconds)
                {
                    http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }

                await http.Response.WriteAsJsonAsync(new { error = new { message = $"scripted {status.Code}", type = "scripted", code = status.Code.ToString(CultureInfo.InvariantCulture) } });
                break;
            case ScriptedReply.Malformed malformed:
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync(malformed.Body);
                break;
            case ScriptedReply.Slow slow:
                await Task.Delay(slow.Delay, http.RequestAborted);
                await WriteCompletionAsync(http, model, slow.Text, 10, 10);
                break;
            case ScriptedReply.Content content:
                await WriteCompletionAsync(http, model, content.Text, content.PromptTokens, content.CompletionTokens);
                break;
        }
    }

    private static Task WriteCompletionAsync(HttpContext http, string model, string text, int promptTokens, int completionTokens)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            id = $"chatcmpl-{Guid.NewGuid():N}",
            @object = "chat.completion",
            created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } },
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        }));
    }
}
