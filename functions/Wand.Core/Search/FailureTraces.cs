using System.Text;
using System.Text.RegularExpressions;
using Wand.Jobs;
using Wand.Sandbox;
using Wand.SourceCode;

namespace Wand.Search;

/// <summary>
/// Fault localization where per-test coverage is not cheap (the compiled languages, JavaScript):
/// the lines that compiler errors and failure traces name in the editable files, and their
/// neighbours; then the functions that the failing assertions call, found by name; then the rest.
/// </summary>
public static partial class FailureTraces
{
    private const double Named = 1.0;
    private const double Neighbour = 0.7;
    private const double Called = 0.5;

    [GeneratedRegex("""File "(?<file>[^"]+)", line (?<line>\d+)""")]
    private static partial Regex PythonFrame();

    [GeneratedRegex("""(?<file>[\w./-]+\.(?:py|js|mjs|cjs|ts|go|rs|java|cs|cpp|cc|cxx|c|h|hpp))(?::|\()(?<line>\d+)""")]
    private static partial Regex FileLine();

    public static LineSuspicion Suspicion(IReadOnlyList<JobFile> files, IReadOnlySet<string> editable, SandboxResult result, SourceDialect dialect)
    {
        var scores = new Dictionary<(string Path, int Line), double>();
        void Raise(string path, int line, double score)
        {
            if (line > 0 && score > scores.GetValueOrDefault((path, line)))
            {
                scores[(path, line)] = score;
            }
        }

        foreach (var d in result.Diagnostics.Where(d => d.Severity == "error"))
        {
            if (Resolve(files, d.File) is { } path && editable.Contains(path))
            {
                Raise(path, d.Line, Named);
            }
        }

        var failures = new StringBuilder();
        foreach (var test in result.Tests.Where(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error))
        {
            failures.AppendLine(test.Name).AppendLine(test.Message);
        }

        failures.AppendLine(result.Stdout).AppendLine(result.Stderr);
        var text = failures.ToString();
        var calledNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (file, line) in References(text))
        {
            if (Resolve(files, file) is not { } path)
            {
                continue;
            }

            if (editable.Contains(path))
            {
                Raise(path, line, Named);
                for (var d = 1; d <= 2; d++)
                {
                    Raise(path, line - d, Neighbour - (0.1 * (d - 1)));
                    Raise(path, line + d, Neighbour - (0.1 * (d - 1)));
                }
            }
            else
            {
                // A line of a test: the functions it calls are the suspects.
                var source = Encoding.UTF8.GetString(files.First(f => f.Path == path).Content).Split('\n');
                if (line <= source.Length)
                {
                    foreach (var token in SourceTokenizer.Tokenize(source[line - 1], dialect).Where(t => t.Kind == TokenKind.Identifier))
                    {
                        calledNames.Add(token.Text);
                    }
                }
            }
        }

        // Names in the failing tests' names count too (test_chunks_uneven calls chunks, TestMax calls Max).
        foreach (var test in result.Tests.Where(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error))
        {
            foreach (var part in Regex.Split(test.Name, "[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])"))
            {
                if (part.Length > 2)
                {
                    calledNames.Add(part);
                }
            }
        }

        foreach (var path in editable)
        {
            var file = files.FirstOrDefault(f => f.Path == path);
            if (file is null)
            {
                continue;
            }

            foreach (var (start, end) in Definitions(Encoding.UTF8.GetString(file.Content), dialect, calledNames))
            {
                for (var line = start; line <= end; line++)
                {
                    Raise(path, line, Called);
                }
            }
        }

        return scores.Count == 0 ? LineSuspicion.Uniform : new LineSuspicion(scores, "traces");
    }

    /// <summary>Every (file, line) a trace or message names.</summary>
    public static IEnumerable<(string File, int Line)> References(string text)
    {
        foreach (Match m in PythonFrame().Matches(text))
        {
            yield return (m.Groups["file"].Value, int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (Match m in FileLine().Matches(text))
        {
            if (int.TryParse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture, out var line))
            {
                yield return (m.Groups["file"].Value, line);
            }
        }
    }

    /// <summary>The job file a trace names: by its whole path, or by its end (traces hold absolute paths or bare file names).</summary>
    public static string? Resolve(IReadOnlyList<JobFile> files, string named)
    {
        var name = named.Replace('\\', '/');
        return files.FirstOrDefault(f => f.Path == name)?.Path
            ?? files.Where(f => name.EndsWith("/" + f.Path, StringComparison.Ordinal) || f.Path.EndsWith("/" + name, StringComparison.Ordinal))
                .OrderByDescending(f => f.Path.Length).FirstOrDefault()?.Path;
    }

    /// <summary>
    /// The line spans of functions named in <paramref name="names"/>: the line that names one
    /// followed by '(' where a definition starts (def/func/fn/function, or a line that opens a
    /// block), through the end of its block (by braces, or by indentation for Python).
    /// </summary>
    public static IEnumerable<(int Start, int End)> Definitions(string text, SourceDialect dialect, IReadOnlySet<string> names)
    {
        var tokens = SourceTokenizer.Tokenize(text, dialect).Where(t => t.Kind != TokenKind.Comment).ToList();
        var lines = text.Split('\n');
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind != TokenKind.Identifier || !names.Contains(t.Text) || tokens[i + 1].Text != "(" && tokens[i + 1].Text != "=")
            {
                continue;
            }

            var lineStart = tokens.FindIndex(x => x.Line == t.Line);
            var head = tokens[lineStart];
            if (dialect.IsPython)
            {
                if (head.Text != "def" && !(i > 0 && tokens[i - 1].Text == "def"))
                {
                    continue;
                }

                var indent = Indent(lines[t.Line - 1]);
                var end = t.Line;
                for (var l = t.Line; l < lines.Length; l++)
                {
                    if (lines[l].Trim().Length == 0)
                    {
                        continue;
                    }

                    if (Indent(lines[l]) <= indent)
                    {
                        break;
                    }

                    end = l + 1;
                }

                yield return (t.Line, end);
                continue;
            }

            if (head.Kind == TokenKind.Keyword && head.Text is "if" or "while" or "for" or "return" or "switch" or "else")
            {
                continue;
            }

            // The block that opens on this line or the next.
            var open = tokens.FindIndex(i, x => x.Text is "{" or ";");
            if (open < 0 || tokens[open].Text != "{" || tokens[open].Line > t.Line + 1)
            {
                continue;
            }

            var depth = 0;
            for (var j = open; j < tokens.Count; j++)
            {
                depth += tokens[j].Text == "{" ? 1 : tokens[j].Text == "}" ? -1 : 0;
                if (depth == 0)
                {
                    yield return (t.Line, tokens[j].Line);
                    break;
                }
            }
        }
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;
}
