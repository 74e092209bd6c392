namespace Wand.Batch;

/// <summary>A batch message that cannot be run; the message says what is wrong with it.</summary>
public sealed class InvalidBatchException(string message) : Exception(message);
