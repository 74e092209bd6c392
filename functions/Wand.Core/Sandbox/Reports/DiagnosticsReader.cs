using System.Text.Json;
using System.Text.RegularExpressions;
using Wand.Jobs;

namespace Wand.Sandbox.Reports;

/// <summary>
/// Reads compiler diagnostics from the machine format each toolchain writes (see
/// <see cref="DiagnosticsFormat"/>). Keeps errors and warnings, errors first, at most
/// <see cref="MaxDiagnostics"/>; paths come back relative to the job.
/// </summary>
public static partial class DiagnosticsReader
{
    public const int MaxDiagnostics = 100;

    public static IReadOnlyList<CompilerDiagnostic> Read(DiagnosticsFormat format, string content)
    {
        IEnumerable<CompilerDiagnostic> all;
        try
        {
            all = format switch
            {
                DiagnosticsFormat.WandJson => WandJson(content),
                DiagnosticsFormat.Sarif => Sarif(content),
                DiagnosticsFormat.GccJson => Gcc(content),
                DiagnosticsFormat.CargoJson => Cargo(content),
                DiagnosticsFormat.GoBuildText => GoBuild(content),
                _ => [],
            };
            all = all.ToList();
        }
        catch (JsonException)
        {
            // A report cut short (output cap, full disk) is no reason to lose the run's result.
            all = [];
        }

        return all
            .Where(d => d.Severity is "error" or "warning")
            .Select(d => d with { File = Relative(d.File) })
            .Distinct()
            .OrderBy(d => d.Severity == "error" ? 0 : 1)
            .Take(MaxDiagnostics)
            .ToList();
    }

    private static IEnumerable<CompilerDiagnostic> WandJson(string content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            yield break;
        }

        using var doc = JsonDocument.Parse(content);
        foreach (var d in doc.RootElement.EnumerateArray())
        {
            yield return new CompilerDiagnostic(Str(d, "file"), Int(d, "line"), Int(d, "column"), Str(d, "severity"), Str(d, "message"));
        }
    }

    private static IEnumerable<CompilerDiagnostic> Sarif(string content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            yield break;
        }

        using var doc = JsonDocument.Parse(content);
        foreach (var run in doc.RootElement.GetProperty("runs").EnumerateArray())
        {
            if (!run.TryGetProperty("results", out var results))
            {
                continue;
            }

            foreach (var r in results.EnumerateArray())
            {
                var message = r.TryGetProperty("message", out var m) ? Str(m, "text") : "";
                var rule = Str(r, "ruleId");
                var (file, line, column) = ("", 0, 0);
                if (r.TryGetProperty("locations", out var locations) && locations.GetArrayLength() > 0
                    && locations[0].TryGetProperty("physicalLocation", out var physical))
                {
                    file = physical.TryGetProperty("artifactLocation", out var artifact) ? Str(artifact, "uri") : "";
                    if (physical.TryGetProperty("region", out var region))
                    {
                        (line, column) = (Int(region, "startLine"), Int(region, "startColumn"));
                    }
                }

                yield return new CompilerDiagnostic(file, line, column, Str(r, "level") is { Length: > 0 } level ? level : "warning",
                    rule.Length > 0 ? $"{rule}: {message}" : message);
            }
        }
    }

    private static IEnumerable<CompilerDiagnostic> Gcc(string content)
    {
        foreach (var line in content.Split('\n').Where(l => l.StartsWith('[')))
        {
            using var doc = JsonDocument.Parse(line);
            foreach (var d in doc.RootElement.EnumerateArray())
            {
                var (file, row, column) = ("", 0, 0);
                if (d.TryGetProperty("locations", out var locations) && locations.GetArrayLength() > 0
                    && locations[0].TryGetProperty("caret", out var caret))
                {
                    (file, row, column) = (Str(caret, "file"), Int(caret, "line"), Int(caret, "column"));
                }

                yield return new CompilerDiagnostic(file, row, column, Str(d, "kind"), Str(d, "message"));
            }
        }
    }

    private static IEnumerable<CompilerDiagnostic> Cargo(string content)
    {
        foreach (var line in content.Split('\n').Where(l => l.StartsWith('{')))
        {
            using var doc = JsonDocument.Parse(line);
            if (Str(doc.RootElement, "reason") != "compiler-message" || !doc.RootElement.TryGetProperty("message", out var m))
            {
                continue;
            }

            var (file, row, column) = ("", 0, 0);
            if (m.TryGetProperty("spans", out var spans))
            {
                foreach (var span in spans.EnumerateArray().Where(s => s.TryGetProperty("is_primary", out var p) && p.GetBoolean()).Take(1))
                {
                    (file, row, column) = (Str(span, "file_name"), Int(span, "line_start"), Int(span, "column_start"));
                }
            }

            var code = m.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Object ? Str(c, "code") : "";
            var text = Str(m, "message");
            yield return new CompilerDiagnostic(file, row, column, Str(m, "level"), code.Length > 0 ? $"{code}: {text}" : text);
        }
    }

    private static IEnumerable<CompilerDiagnostic> GoBuild(string content) =>
        content.Split('\n')
            .Select(l => GoBuildLine().Match(l))
            .Where(m => m.Success)
            .Select(m => new CompilerDiagnostic(
                m.Groups["file"].Value,
                int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                m.Groups["col"].Success ? int.Parse(m.Groups["col"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0,
                "error",
                m.Groups["message"].Value.Trim()));

    // Toolchains report absolute paths inside the sandbox or ./-prefixed ones; the job's are relative.
    private static string Relative(string path)
    {
        if (path.StartsWith("file://", StringComparison.Ordinal))
        {
            path = Uri.UnescapeDataString(new Uri(path).AbsolutePath);
        }

        path = RunFolder().Replace(path, "", 1);
        return path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;
    }

    /// <summary>Where a run's copy of the job lies in the sandbox (<c>/work/run-{8 hex}/</c>, see <see cref="RunScript"/>), or /work/ itself.</summary>
    [GeneratedRegex("^/work/(run-[0-9a-f]{8}/)?")]
    private static partial Regex RunFolder();

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";

    private static int Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : 0;

    [GeneratedRegex(@"^(?<file>[^\s:][^:]*\.go):(?<line>\d+)(:(?<col>\d+))?: (?<message>.+)$")]
    private static partial Regex GoBuildLine();
}
