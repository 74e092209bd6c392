namespace Wand.Generation;

/// <summary>A call to the LLM that failed for good (after retries); the message says why.</summary>
public sealed class LlmCallException(string message, Exception? inner = null) : Exception(message, inner);
