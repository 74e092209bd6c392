using System.Text;
using Wand.Jobs;

namespace Wand.Sandbox;

/// <summary>Turns a variant's record (its status line, output and reports) into its <see cref="SandboxResult"/>.</summary>
internal static partial class VariantRecordReader
{
    public static SandboxResult ToResult(VariantRecord record, Job job, int keptOutputBytes, TimeSpan container)
    {
        var language = job.Language;
        var reports = RunReports.FromTar(record.ReportTar);
        // A runner that names tests by their file names them by the run's own folder, new every run.
        var tests = reports.Tests(language).Select(t => t with { Name = RunFolder().Replace(t.Name, "") }).ToList();
        var reason = RunVerdict.Of(record.TimedOut, record.OutputCapped, reports.CompileFailed, record.OomKilled, record.ExitCode, tests.Count);
        return new SandboxResult(reason, reason == ExitReason.Timeout ? null : record.ExitCode, tests, InJob(reports.Diagnostics(language), job.Root),
            Output(record.Stdout, keptOutputBytes), Output(record.Stderr, keptOutputBytes), new SandboxTimings(container, record.Run))
        {
            Advice = reason != ExitReason.NoTests ? null
                : reports.BuildFailed is { } why ? $"the build failed before any test ran: {why}"
                : NoTestsAdvice.For(language, job.TestCommand, Output(record.Stdout, keptOutputBytes), Output(record.Stderr, keptOutputBytes)),
            ExtraReport = job.ExtraReport is { } extra ? reports.Text(extra) : null,
        };
    }

    // A compiler run in a sub-project names files from there; the job names them from its top.
    private static IReadOnlyList<Reports.CompilerDiagnostic> InJob(IReadOnlyList<Reports.CompilerDiagnostic> diagnostics, string? root) =>
        root is null ? diagnostics : [.. diagnostics.Select(d => d.File.StartsWith('/') || d.File.StartsWith(root + "/", StringComparison.Ordinal) ? d : d with { File = $"{root}/{d.File}" })];

    // The sandbox keeps one byte more than it may: that byte says the output went on.
    private static string Output(byte[] kept, int keptOutputBytes) => kept.Length > keptOutputBytes
        ? $"{Encoding.UTF8.GetString(kept, 0, keptOutputBytes)}\n[wand: output truncated after {keptOutputBytes:N0} bytes]"
        : Encoding.UTF8.GetString(kept);

    [System.Text.RegularExpressions.GeneratedRegex("/work/run-[0-9a-f]{8}/")]
    private static partial System.Text.RegularExpressions.Regex RunFolder();
}
