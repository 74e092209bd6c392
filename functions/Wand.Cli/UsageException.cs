namespace Wand.Cli;

/// <summary>The command line is wrong; the message says how, and `wand` exits with <see cref="ExitCodes.BadInput"/>.</summary>
public sealed class UsageException(string message) : Exception(message);
