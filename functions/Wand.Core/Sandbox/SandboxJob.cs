namespace Wand.Sandbox;

/// <summary>A file of a job, by its path relative to the job folder (forward slashes).</summary>
public sealed record JobFile(string Path, byte[] Content);

/// <summary>What the sandbox runs: the files, the language whose image runs them, and the test command.</summary>
public sealed record SandboxJob(IReadOnlyList<JobFile> Files, LanguageProfile Language, string TestCommand, TimeSpan Timeout);
