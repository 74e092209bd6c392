using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Wand.Jobs;

namespace Wand.Generation;

/// <summary>
/// Where a run's evidence points in the job's files: the lines its traces and diagnostics name
/// (<c>path/to/file.py:45</c>, <c>File "…/file.py", line 45</c>, <c>(File.java:45)</c>; by the
/// file's path or, when no other job file has it, its name), and the definitions of the
/// functions it names, in the failing tests' messages or on the lines of theirs a trace names
/// (a wrong value has no frame in the code that computed it, but its test calls that code).
/// </summary>
public sealed partial class NamedLines
{
    /// <summary>The most definitions one file gets by name: a common name would take them all.</summary>
    public const int MaxDefinitionsPerFile = 5;

    /// <summary>
    /// The most files that get definitions by name: a name many files define (a helper copied
    /// into each module) would otherwise put a sliver of every one of them in the prompt, and
    /// have every file of a large repository read line by line.
    /// </summary>
    public const int MaxFilesByName = 5;

    private readonly List<(string Path, int Line)> _frames = [];
    private readonly Dictionary<string, int> _fileNames;
    private readonly HashSet<string> _words;
    private int _filesByName;

    public NamedLines(string evidence, IReadOnlyList<JobFile> files)
    {
        foreach (Match m in FileExcerpts.FileAndLine().Matches(evidence))
        {
            if (int.TryParse(m.Groups["line"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var line) && line > 0)
            {
                _frames.Add((m.Groups["path"].Value.Replace('\\', '/'), line));
            }
        }

        _fileNames = files.GroupBy(f => Path.GetFileName(f.Path), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var framed = new StringBuilder(evidence);
        foreach (var file in files.Where(f => _frames.Any(frame => Names(frame.Path, f))))
        {
            var text = Encoding.UTF8.GetString(file.Content).Split('\n');
            foreach (var line in Frames(file).Where(l => l <= text.Length))
            {
                framed.Append('\n').Append(text[line - 1]);
            }
        }

        _words = [.. Word().Matches(framed.ToString()).Select(m => m.Value)];
    }

    /// <summary>
    /// The lines (1-based) of <paramref name="file"/> the evidence points at. Asked in the order
    /// files matter: the first <see cref="MaxFilesByName"/> that define what the evidence names
    /// get those definitions, later ones only their frames.
    /// </summary>
    public SortedSet<int> In(JobFile file)
    {
        var lines = new SortedSet<int>(Frames(file));
        if (_filesByName >= MaxFilesByName)
        {
            return lines;
        }

        var text = Encoding.UTF8.GetString(file.Content).Split('\n');
        var found = 0;
        for (var i = 0; i < text.Length && found < MaxDefinitionsPerFile; i++)
        {
            if (FileExcerpts.IsDefinition(text[i]) && DefinedName().Match(text[i]) is { Success: true } name && _words.Contains(name.Groups["name"].Value))
            {
                lines.Add(i + 1);
                found++;
            }
        }

        _filesByName += found > 0 ? 1 : 0;
        return lines;
    }

    private IEnumerable<int> Frames(JobFile file) => _frames.Where(f => Names(f.Path, file)).Select(f => f.Line);

    private bool Names(string named, JobFile file) =>
        named == file.Path || named.EndsWith("/" + file.Path, StringComparison.Ordinal)
        || (Path.GetFileName(named) == Path.GetFileName(file.Path) && _fileNames.GetValueOrDefault(Path.GetFileName(file.Path)) == 1);

    /// <summary>The name a definition line gives: after a keyword, else before its parenthesis or assignment.</summary>
    [GeneratedRegex(@"(?:\b(?:def|class|interface|enum|record|struct|trait|function|func|fn)\s+(?:\([^)]*\)\s*)?(?<name>\w{3,}))|(?<name>\w{3,})\s*(?:\(|[:=]\s*(?:async\s*)?(?:function\b|\())")]
    private static partial Regex DefinedName();

    [GeneratedRegex(@"\w{3,}")]
    private static partial Regex Word();
}
