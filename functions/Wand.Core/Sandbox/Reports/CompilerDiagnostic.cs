namespace Wand.Sandbox.Reports;

/// <summary>One compiler message with its place in the job's files (paths relative to the job).</summary>
public sealed record CompilerDiagnostic(string File, int Line, int Column, string Severity, string Message);
