using System.Formats.Tar;
using System.Text;
using Wand.Jobs;
using Wand.Sandbox.Reports;

namespace Wand.Sandbox;

/// <summary>
/// The files a run left in <c>/work/.wand</c>, read from the tar stream the sandbox sends back
/// (only regular files: a symlink the sandbox made is never followed), and what they say.
/// </summary>
internal sealed class RunReports
{
    public const string CompileFailedMarker = ".wand/compile-failed";

    /// <summary>A build tool's runner (Maven, Gradle) leaves here why a build failed before any test ran: no test is then not the suite's naming.</summary>
    public const string BuildFailedMarker = ".wand/build-failed";

    private readonly Dictionary<string, byte[]> _files;

    private RunReports(Dictionary<string, byte[]> files) => _files = files;

    public bool CompileFailed => _files.ContainsKey(CompileFailedMarker);

    /// <summary>Why the build failed before any test ran, when the image's runner could tell (<see cref="BuildFailedMarker"/>).</summary>
    public string? BuildFailed => Text(BuildFailedMarker)?.Trim() is { Length: > 0 } why ? why : null;

    /// <summary>A report's text by its path (<c>.wand/...</c>); null when the run left none.</summary>
    public string? Text(string path) => _files.TryGetValue(path, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    public static RunReports FromTar(ReadOnlyMemory<byte> tar)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            using var reader = new TarReader(new MemoryStream(tar.ToArray()));
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                {
                    // An empty file (such as the compile-failed marker) has no data stream.
                    using var copy = new MemoryStream();
                    entry.DataStream?.CopyTo(copy);
                    files[entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name] = copy.ToArray();
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException)
        {
            // A tar cut at the size cap still holds the files before the cut.
        }

        return new RunReports(files);
    }

    public IReadOnlyList<TestCaseResult> Tests(LanguageProfile language)
    {
        var reports = _files.Where(f => f.Key == language.TestReportPath
                || (language.TestReportPath.EndsWith('/') && f.Key.StartsWith(language.TestReportPath, StringComparison.Ordinal) && f.Key.EndsWith(".xml", StringComparison.Ordinal)))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => Encoding.UTF8.GetString(f.Value));
        return language.TestReport switch
        {
            TestReportFormat.GoTestJson => reports.SelectMany(GoTestEvents.Parse).ToList(),
            TestReportFormat.LibtestJson => reports.SelectMany(LibtestEvents.Parse).ToList(),
            _ => reports.SelectMany(JUnitReport.Parse).ToList(),
        };
    }

    public IReadOnlyList<CompilerDiagnostic> Diagnostics(LanguageProfile language) =>
        _files.TryGetValue(language.DiagnosticsPath, out var content)
            ? DiagnosticsReader.Read(language.Diagnostics, Encoding.UTF8.GetString(content))
            : [];
}
