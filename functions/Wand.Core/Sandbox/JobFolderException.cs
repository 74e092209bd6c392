namespace Wand.Sandbox;

/// <summary>A job folder or request that cannot be run; the message names the problem.</summary>
public sealed class JobFolderException(string message) : Exception(message);
