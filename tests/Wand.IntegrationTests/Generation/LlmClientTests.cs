using Microsoft.Extensions.Options;
using Wand.Fixtures;

namespace Wand.Generation;

/// <summary>The production LLM client against the scripted server, for both providers.</summary>
public sealed class LlmClientTests : IAsyncLifetime
{
    private static readonly RepairPrompt Prompt = new("You repair code.", "Fix stats.py.");
    private ScriptedLlmServer _server = null!;

    public async Task InitializeAsync() => _server = await ScriptedLlmServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task CompleteAsync_OpenAICompatible_SendsTheModelAndKeyAndReadsTextAndTokens()
    {
        _server.Enqueue(new ScriptedReply.Content("```stats.py\nx = 2\n```", PromptTokens: 321, CompletionTokens: 45));
        using var client = Client(LlmProvider.OpenAICompatible, "qwen2.5-coder", "sk-local");

        var reply = await client.CompleteAsync(Prompt, CancellationToken.None);

        Assert.Equal("```stats.py\nx = 2\n```", reply.Text);
        Assert.Equal((321, 45), (reply.PromptTokens, reply.CompletionTokens));
        var request = Assert.Single(_server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer sk-local", request.Authorization);
        Assert.Equal("qwen2.5-coder", request.Body["model"]!.ToString());
        Assert.Equal("You repair code.\nFix stats.py.", request.Prompt);
    }

    [Fact]
    public async Task CompleteAsync_AzureOpenAI_UsesTheDeploymentRouteAndApiKeyHeader()
    {
        _server.Enqueue(new ScriptedReply.Content("ok"));
        using var client = Client(LlmProvider.AzureOpenAI, "gpt-4o-deployment", "azure-key");

        var reply = await client.CompleteAsync(Prompt, CancellationToken.None);

        Assert.Equal("ok", reply.Text);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("/openai/deployments/gpt-4o-deployment/chat/completions", request.Path);
        Assert.Equal("azure-key", request.ApiKey);
    }

    [Fact]
    public async Task CompleteAsync_429WithRetryAfter_WaitsThatLongThenSucceeds()
    {
        _server.Enqueue(new ScriptedReply.Status(429, RetryAfterSeconds: 2), new ScriptedReply.Content("after the wait"));
        using var client = Client(LlmProvider.OpenAICompatible, "m", "k");

        var reply = await client.CompleteAsync(Prompt, CancellationToken.None);

        Assert.Equal("after the wait", reply.Text);
        Assert.Equal(2, _server.Requests.Count);
        Assert.True(_server.Requests[1].At - _server.Requests[0].At >= TimeSpan.FromSeconds(1.9), $"retried after {_server.Requests[1].At - _server.Requests[0].At}");
    }

    [Fact]
    public async Task CompleteAsync_500Twice_BacksOffAndSucceeds()
    {
        _server.Enqueue(new ScriptedReply.Status(500), new ScriptedReply.Status(503), new ScriptedReply.Content("third time"));
        using var client = Client(LlmProvider.OpenAICompatible, "m", "k");

        Assert.Equal("third time", (await client.CompleteAsync(Prompt, CancellationToken.None)).Text);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task CompleteAsync_ErrorsBeyondTheRetries_IsAnLlmCallExceptionWithTheStatus()
    {
        _server.Enqueue(Enumerable.Range(0, 5).Select(_ => (ScriptedReply)new ScriptedReply.Status(500)).ToArray());
        using var client = Client(LlmProvider.OpenAICompatible, "m", "k", maxRetries: 1);

        var error = await Assert.ThrowsAsync<LlmCallException>(() => client.CompleteAsync(Prompt, CancellationToken.None));

        Assert.Contains("answered 500", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task CompleteAsync_MalformedJson_IsAnLlmCallExceptionNotACrash()
    {
        _server.Enqueue(new ScriptedReply.Malformed());
        using var client = Client(LlmProvider.OpenAICompatible, "m", "k");

        var error = await Assert.ThrowsAsync<LlmCallException>(() => client.CompleteAsync(Prompt, CancellationToken.None));

        Assert.Contains("could not be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_SlowerThanTheTimeout_RetriesThenGivesUp()
    {
        _server.Enqueue(new ScriptedReply.Slow(TimeSpan.FromSeconds(5), "late"), new ScriptedReply.Slow(TimeSpan.FromSeconds(5), "late"));
        using var client = Client(LlmProvider.OpenAICompatible, "m", "k", maxRetries: 1, timeout: TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<LlmCallException>(() => client.CompleteAsync(Prompt, CancellationToken.None));

        Assert.Contains("did not answer within 1 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _server.Requests.Count);
    }

    private LlmClient Client(LlmProvider provider, string model, string key, int maxRetries = 3, TimeSpan? timeout = null) => new(Options.Create(new LlmOptions
    {
        Provider = provider,
        Endpoint = (provider == LlmProvider.AzureOpenAI ? _server.Root : _server.OpenAIBaseUrl).ToString(),
        Model = model,
        ApiKey = key,
        MaxRetries = maxRetries,
        RequestTimeout = timeout ?? TimeSpan.FromSeconds(30),
    }));
}
