namespace Wand.Generation;

/// <summary>What one chat completion returned, with what it cost.</summary>
public sealed record LlmReply(string Text, int PromptTokens, int CompletionTokens, TimeSpan Duration);
