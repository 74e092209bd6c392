namespace Wand.Sandbox;

/// <summary>
/// A job that cannot be run as given (bad folder, bad settings, bad file paths, over a limit).
/// The message names the problem; it is raised before any container exists.
/// </summary>
public sealed class InvalidJobException(string message) : Exception(message);
