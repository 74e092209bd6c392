namespace Wand.GitHub;

/// <summary>A webhook body that is not the shape its event says; the message names what is missing.</summary>
public sealed class WebhookPayloadException(string message) : Exception(message);
