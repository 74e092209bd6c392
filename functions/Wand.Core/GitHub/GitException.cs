namespace Wand.GitHub;

/// <summary>A git command that failed; the message is git's own error, with no credentials in it.</summary>
public sealed class GitException(string message) : Exception(message);
