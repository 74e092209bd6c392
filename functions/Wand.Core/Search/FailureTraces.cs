using System.Text;
using System.Text.RegularExpressions;
using Wand.Jobs;
using Wand.Sandbox;
using Wand.SourceCode;

namespace Wand.Search;

/// <summary>
/// Fault localization where per-test coverage is not cheap (the compiled languages, JavaScript):
/// the lines that compiler errors and failure traces name in the editable files, and their
/// neighbours; the lines that use a name the failing test's own name spells; then the functions
/// that the failing assertions call, found by name; then the rest.
/// </summary>
public static partial class FailureTraces
{
    private const double Named = 1.0;
    // Above a called function's other lines even for an edit of the least likely kinds (a relational
    // operator turned round, prior 0.6): 0.9 × 0.6 > 0.5 × 1.0.
    private const double Mentioned = 0.9;
    private const double Neighbour = 0.7;
    private const double Called = 0.5;

    [GeneratedRegex("""File "(?<file>[^"]+)", line (?<line>\d+)""")]
    private static partial Regex PythonFrame();

    // file:12 (most), file(12 (compilers), file:line 12 (.NET stack frames).
    [GeneratedRegex("""(?<file>[\w./-]+\.(?:py|js|mjs|cjs|jsx|ts|mts|cts|tsx|go|rs|java|cs|cpp|cc|cxx|c|h|hpp))(?::line |:|\()(?<line>\d+)""")]
    private static partial Regex FileLine();

    public static LineSuspicion Suspicion(IReadOnlyList<JobFile> files, IReadOnlySet<string> editable, SandboxResult result, SourceDialect dialect)
    {
        var scores = new Scores();
        foreach (var d in result.Diagnostics.Where(d => d.Severity == "error"))
        {
            if (Resolve(files, d.File) is { } path && editable.Contains(path))
            {
                scores.Raise(path, d.Line, Named);
            }
        }

        var failed = result.Tests.Where(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error).ToList();
        var text = string.Concat(failed.Select(t => $"{t.Name}\n{t.Message}\n")) + $"{result.Stdout}\n{result.Stderr}\n";
        var calledNames = Traced(files, editable, dialect, text, scores);
        // Names in the failing tests' names count too (test_chunks_uneven calls chunks, TestMax calls Max).
        foreach (var part in failed.SelectMany(t => TestNameWords(t.Name)).Where(p => p.Length > 2))
        {
            calledNames.Add(part);
        }

        var sources = files.Where(f => editable.Contains(f.Path)).Select(f => new Source(f.Path, Encoding.UTF8.GetString(f.Content))).ToList();
        RaiseMentioned(sources, dialect, failed, scores, calledNames);
        foreach (var source in sources)
        {
            foreach (var (start, end) in Definitions(source.Text, dialect, calledNames))
            {
                for (var line = start; line <= end; line++)
                {
                    scores.Raise(source.Path, line, Called);
                }
            }
        }

        return scores.Count == 0 ? LineSuspicion.Uniform : new LineSuspicion(scores.ByLine, "traces");
    }

    /// <summary>
    /// Raises the editable lines the traces name and their neighbours; returns the names that the
    /// traced lines of tests call (the functions they call are the suspects).
    /// </summary>
    private static HashSet<string> Traced(IReadOnlyList<JobFile> files, IReadOnlySet<string> editable, SourceDialect dialect, string text, Scores scores)
    {
        var calledNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (file, line) in References(text))
        {
            if (Resolve(files, file) is not { } path)
            {
                continue;
            }

            if (editable.Contains(path))
            {
                scores.Raise(path, line, Named);
                for (var d = 1; d <= 2; d++)
                {
                    scores.Raise(path, line - d, Neighbour - (0.1 * (d - 1)));
                    scores.Raise(path, line + d, Neighbour - (0.1 * (d - 1)));
                }

                continue;
            }

            var source = Encoding.UTF8.GetString(files.First(f => f.Path == path).Content).Split('\n');
            if (line <= source.Length)
            {
                calledNames.UnionWith(SourceTokenizer.Tokenize(source[line - 1], dialect).Where(t => t.Kind == TokenKind.Identifier).Select(t => t.Text));
            }
        }

        return calledNames;
    }

    /// <summary>
    /// Raises the editable lines that use a name the failing tests' names spell: a test says what it
    /// checks in the code's words (MaximumLengthGivenTrimsUnnecessaryChars checks
    /// Config.MaximumLength), which no trace shows when the code returns a wrong value. A function
    /// so named (totalHours, of "total hours of a week") is a called one instead: its body is
    /// suspect, not the lines that name it (its definition, its export).
    /// </summary>
    private static void RaiseMentioned(IReadOnlyList<Source> sources, SourceDialect dialect, IReadOnlyList<TestCaseResult> failed, Scores scores, HashSet<string> calledNames)
    {
        var phrases = failed.SelectMany(t => Phrases(t.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (phrases.Count == 0)
        {
            return;
        }

        var mentions = new List<(string Path, int Line, string Name, bool Called)>();
        foreach (var (path, text) in sources)
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var tokens = SourceTokenizer.Tokenize(lines[i], dialect).ToList();
                mentions.AddRange(tokens.Select((t, k) => (Token: t, Called: k + 1 < tokens.Count && tokens[k + 1].Text == "("))
                    .Where(x => x.Token.Kind == TokenKind.Identifier && phrases.Contains(x.Token.Text.Replace("_", "", StringComparison.Ordinal)))
                    .Select(x => (path, i + 1, x.Token.Text, x.Called)));
            }
        }

        var functions = mentions.Select(m => m.Name).Distinct(StringComparer.Ordinal)
            .Where(name => sources.Any(s => Definitions(s.Text, dialect, new HashSet<string>(StringComparer.Ordinal) { name }).Any())).ToHashSet(StringComparer.Ordinal);
        calledNames.UnionWith(functions);
        // A call of a function not defined here is the library's (isBlank, of "…the nickname is blank…"): not what the test names.
        foreach (var (path, line, _, _) in mentions.Where(m => !m.Called && !functions.Contains(m.Name)))
        {
            scores.Raise(path, line, Mentioned);
        }
    }

    /// <summary>
    /// Two to four words in a row of a test's name, run together (MaximumLength): one word alone
    /// (Length, count) names too many things. A theory's arguments are not part of its name.
    /// </summary>
    private static IEnumerable<string> Phrases(string testName)
    {
        var words = TestNameWords(testName.Split('(')[0]).ToArray();
        for (var i = 0; i < words.Length; i++)
        {
            for (var n = 2; n <= 4 && i + n <= words.Length; n++)
            {
                yield return string.Concat(words[i..(i + n)]);
            }
        }
    }

    private static IEnumerable<string> TestNameWords(string name) => Regex.Split(name, "[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])").Where(p => p.Length > 0);

    /// <summary>An editable file's text, decoded once for every pass over it.</summary>
    private sealed record Source(string Path, string Text);

    /// <summary>Each line's highest score so far.</summary>
    private sealed class Scores
    {
        public Dictionary<(string Path, int Line), double> ByLine { get; } = [];

        public int Count => ByLine.Count;

        public void Raise(string path, int line, double score)
        {
            if (line > 0 && score > ByLine.GetValueOrDefault((path, line)))
            {
                ByLine[(path, line)] = score;
            }
        }
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
            var after = AfterTypeParameters(tokens, i);
            if (t.Kind != TokenKind.Identifier || !names.Contains(t.Text) || after >= tokens.Count || tokens[after].Text != "(" && tokens[i + 1].Text != "=")
            {
                continue;
            }

            var head = tokens[tokens.FindIndex(x => x.Line == t.Line)];
            var lastLine = dialect.IsPython
                ? (head.Text == "def" || (i > 0 && tokens[i - 1].Text == "def") ? PythonBodyEnd(lines, t.Line) : null)
                : head.Kind == TokenKind.Keyword && head.Text is "if" or "while" or "for" or "return" or "switch" or "else" ? null
                : BraceBodyEnd(tokens, i, t.Line);
            if (lastLine is { } end)
            {
                yield return (t.Line, end);
            }
        }
    }

    /// <summary>
    /// The token after a name's type parameters (<c>paginate&lt;T&gt;(</c> in TypeScript, C#, Java
    /// and Rust; <c>func Max[T any](</c> in Go), or right after the name when it has none.
    /// </summary>
    private static int AfterTypeParameters(List<SourceToken> tokens, int name)
    {
        var next = name + 1;
        var (open, close) = tokens[next].Text == "<" ? ("<", ">")
            : tokens[next].Text == "[" && name > 0 && tokens[name - 1].Text == "func" ? ("[", "]")
            : ("", "");
        var depth = 0;
        for (var j = next; open.Length > 0 && j < tokens.Count && tokens[j].Text is not ("{" or ";"); j++)
        {
            depth += tokens[j].Text == open ? 1 : tokens[j].Text == close ? -1 : tokens[j].Text == ">>" && open == "<" ? -2 : 0;
            if (depth <= 0)
            {
                return j + 1;
            }
        }

        return next;
    }

    /// <summary>The last line of a Python definition: the lines after it indented deeper.</summary>
    private static int PythonBodyEnd(string[] lines, int defLine)
    {
        var indent = Indent(lines[defLine - 1]);
        var end = defLine;
        for (var l = defLine; l < lines.Length; l++)
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

        return end;
    }

    /// <summary>The last line of the block that opens on the name's line or the next; null when none does.</summary>
    private static int? BraceBodyEnd(List<SourceToken> tokens, int name, int nameLine)
    {
        var open = tokens.FindIndex(name, x => x.Text is "{" or ";");
        if (open < 0 || tokens[open].Text != "{" || tokens[open].Line > nameLine + 1)
        {
            return null;
        }

        var depth = 0;
        for (var j = open; j < tokens.Count; j++)
        {
            depth += tokens[j].Text == "{" ? 1 : tokens[j].Text == "}" ? -1 : 0;
            if (depth == 0)
            {
                return tokens[j].Line;
            }
        }

        return null;
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;
}
