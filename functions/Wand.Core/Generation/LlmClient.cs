using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;
using Wand.Telemetry;

namespace Wand.Generation;

/// <summary>
/// Chat completions from the configured endpoint: Azure OpenAI (API key or Entra ID) or any
/// OpenAI-compatible server, through the same <see cref="ChatClient"/>. Retries follow the
/// SDK's policy (429 honouring Retry-After, 5xx and timeouts with exponential back-off), and
/// calls against the endpoint are bounded.
/// </summary>
public sealed class LlmClient : IChatModel, IDisposable
{
    private readonly LlmOptions _options;
    private readonly Lazy<ChatClient> _chat;
    private readonly SemaphoreSlim _calls;

    public LlmClient(IOptions<LlmOptions> options)
    {
        _options = options.Value;
        _calls = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrentCalls));
        _chat = new Lazy<ChatClient>(() => CreateChatClient(_options));
    }

    public bool IsConfigured => _options.IsConfigured;

    /// <summary>One completion of <paramref name="prompt"/>; throws <see cref="LlmCallException"/> when it cannot be had.</summary>
    public async Task<LlmReply> CompleteAsync(RepairPrompt prompt, CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            throw new InvalidOperationException("No LLM endpoint is configured.");
        }

        await _calls.WaitAsync(cancellationToken);
        var (provider, model) = (_options.Provider == LlmProvider.AzureOpenAI ? "azure.ai.openai" : "openai", _options.Model ?? "");
        using var span = WandTelemetry.StartLlmCall(provider, model);
        var clock = Stopwatch.StartNew();
        try
        {
            var reply = await CallAsync(prompt, clock, cancellationToken);
            WandTelemetry.LlmCalled(span, provider, model, reply.PromptTokens, reply.CompletionTokens, clock.Elapsed, error: null);
            return reply;
        }
        catch (Exception ex)
        {
            WandTelemetry.LlmCalled(span, provider, model, 0, 0, clock.Elapsed, ex is LlmCallException { InnerException: { } inner } ? inner.GetType().Name : ex.GetType().Name);
            throw;
        }
        finally
        {
            _calls.Release();
        }
    }

    private async Task<LlmReply> CallAsync(RepairPrompt prompt, Stopwatch clock, CancellationToken cancellationToken)
    {
        try
        {
            ChatCompletion completion = await _chat.Value.CompleteChatAsync(
                [new SystemChatMessage(prompt.System), new UserChatMessage(prompt.User)],
                new ChatCompletionOptions { Temperature = _options.Temperature, MaxOutputTokenCount = _options.MaxOutputTokens },
                cancellationToken);
            var text = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
            return new LlmReply(text, completion.Usage?.InputTokenCount ?? 0, completion.Usage?.OutputTokenCount ?? 0, clock.Elapsed);
        }
        catch (ClientResultException ex)
        {
            throw new LlmCallException($"the LLM endpoint answered {ex.Status}: {Shorten(ex.Message)}", ex);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or ArgumentException or KeyNotFoundException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            throw new LlmCallException($"the LLM endpoint's answer could not be read: {Shorten(ex.Message)}", ex);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsTimeout(ex))
        {
            throw new LlmCallException($"the LLM endpoint did not answer within {_options.RequestTimeout.TotalSeconds:F0} s (after {_options.MaxRetries} retries)", ex);
        }
    }

    public void Dispose() => _calls.Dispose();

    private static ChatClient CreateChatClient(LlmOptions options)
    {
        var endpoint = new Uri(options.Endpoint!);
        var retry = new ClientRetryPolicy(options.MaxRetries);
        if (options.Provider == LlmProvider.AzureOpenAI)
        {
            var azureOptions = new AzureOpenAIClientOptions { RetryPolicy = retry, NetworkTimeout = options.RequestTimeout };
            var azure = string.IsNullOrEmpty(options.ApiKey)
                ? new AzureOpenAIClient(endpoint, new DefaultAzureCredential(), azureOptions)
                : new AzureOpenAIClient(endpoint, new ApiKeyCredential(options.ApiKey), azureOptions);
            return azure.GetChatClient(options.Model);
        }

        // Local servers (Ollama, vLLM, llama.cpp) often want no key; the SDK wants some string.
        var openAi = new OpenAIClient(
            new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "none" : options.ApiKey),
            new OpenAIClientOptions { Endpoint = endpoint, RetryPolicy = retry, NetworkTimeout = options.RequestTimeout });
        return openAi.GetChatClient(options.Model);
    }

    // The SDK's retry policy wraps the attempts' timeouts in an AggregateException when it gives up.
    private static bool IsTimeout(Exception ex) => ex switch
    {
        TaskCanceledException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsTimeout),
        _ => false,
    };

    private static string Shorten(string message) => message.Length <= 300 ? message : message[..300] + "...";
}
