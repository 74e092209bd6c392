using System.Text.RegularExpressions;

namespace Wand.Generation;

/// <summary>
/// Edits written as SEARCH/REPLACE blocks, the format aider made common, so that a reply changes
/// a few lines of a long file without sending it back whole:
/// <code>
/// src/stats.py
/// &lt;&lt;&lt;&lt;&lt;&lt;&lt; SEARCH
///     return ordered[mid] + ordered[mid + 1]
/// =======
///     return ordered[mid - 1] + ordered[mid]
/// &gt;&gt;&gt;&gt;&gt;&gt;&gt; REPLACE
/// </code>
/// The file is named on the line before the block (or by the fence around it). Each edit applies
/// to the file as the edits before it left it: where its SEARCH lines are, once; failing that,
/// where they are once when each line's indentation and trailing spaces are ignored (a stale copy
/// of the whitespace is the usual slip), re-indented to match. SEARCH lines that are not there, or
/// are there more than once, or that elide code (<c>...</c>) are a problem named with the file:
/// never guessed at.
/// </summary>
public static partial class SearchReplaceEdits
{
    public const string SearchMarker = "<<<<<<< SEARCH";

    /// <summary>One edit: the file as the reply named it (null: not named), what to find, what to put there.</summary>
    public sealed record Edit(string? Path, string Search, string Replace);

    public static bool AreIn(string reply) => reply.Contains(SearchMarker, StringComparison.Ordinal);

    public static IReadOnlyList<Edit> Parse(string reply, Func<string, string?> pathIn)
    {
        var lines = reply.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var edits = new List<Edit>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != SearchMarker)
            {
                continue;
            }

            var divider = Array.FindIndex(lines, i + 1, l => l.Trim() == "=======");
            var end = divider < 0 ? -1 : Array.FindIndex(lines, divider + 1, l => l.Trim().StartsWith(">>>>>>> REPLACE", StringComparison.Ordinal));
            if (end < 0)
            {
                break; // cut off: the edit is not whole
            }

            edits.Add(new Edit(NameBefore(lines, i, pathIn), string.Join('\n', lines[(i + 1)..divider]), string.Join('\n', lines[(divider + 1)..end])));
            i = end;
        }

        return edits;
    }

    /// <summary><paramref name="text"/> with <paramref name="edit"/> made, or why it cannot be.</summary>
    public static (string? Text, string? Problem) Apply(string text, Edit edit, string path)
    {
        if (edit.Search.Split('\n').Any(l => Elision().IsMatch(l)))
        {
            return (null, $"an edit of {path} leaves out lines of what it replaces ('...'): SEARCH must be the lines as they are");
        }

        if (edit.Search.Trim().Length == 0)
        {
            return text.Length == 0 ? (WithEnd(edit.Replace), null) : (null, $"an edit of {path} has nothing to search for");
        }

        var exact = Occurrences(text, edit.Search);
        if (exact.Count == 1)
        {
            return (string.Concat(text.AsSpan(0, exact[0]), edit.Replace, text.AsSpan(exact[0] + edit.Search.Length)), null);
        }

        return exact.Count > 1 ? (null, $"an edit of {path} searches for lines that are there {exact.Count} times: SEARCH must hold enough lines to be found once")
            : Loosely(text, edit) is { } loose ? (loose, null)
            : (null, $"an edit of {path} searches for lines that are not in the file");
    }

    // The same lines but for each one's indentation and trailing spaces, found once: replaced, with the file's indentation.
    private static string? Loosely(string text, Edit edit)
    {
        var lines = text.Split('\n');
        var wanted = edit.Search.Split('\n').Select(l => l.Trim()).ToArray();
        var at = Enumerable.Range(0, Math.Max(0, lines.Length - wanted.Length + 1))
            .Where(i => wanted.Select((w, k) => lines[i + k].Trim() == w).All(same => same))
            .Take(2).ToList();
        if (at.Count != 1)
        {
            return null;
        }

        var actual = Indent(lines[at[0]]);
        var searched = Indent(edit.Search.Split('\n')[0]);
        var prefix = actual.Length > searched.Length && actual.EndsWith(searched, StringComparison.Ordinal) ? actual[..^searched.Length] : "";
        var replacement = edit.Replace.Split('\n').Select(l => l.Length == 0 ? l : prefix + l);
        return string.Join('\n', lines[..at[0]].Concat(replacement).Concat(lines[(at[0] + wanted.Length)..]));
    }

    private static List<int> Occurrences(string text, string search)
    {
        var found = new List<int>();
        for (var at = text.IndexOf(search, StringComparison.Ordinal); at >= 0 && found.Count < 2; at = text.IndexOf(search, at + 1, StringComparison.Ordinal))
        {
            found.Add(at);
        }

        return found;
    }

    private static string? NameBefore(string[] lines, int marker, Func<string, string?> pathIn)
    {
        for (var i = marker - 1; i >= 0 && i >= marker - 3; i--)
        {
            if (lines[i].Trim().Length > 0 && pathIn(lines[i].Trim().TrimStart('`', '~')) is { } path)
            {
                return path;
            }
        }

        return null;
    }

    private static string Indent(string line) => line[..(line.Length - line.TrimStart().Length)];

    private static string WithEnd(string text) => text.EndsWith('\n') ? text : text + "\n";

    // A line that stands for lines left out: "...", "# ...", "// ... rest unchanged".
    [GeneratedRegex(@"^\s*(#|//|/\*|--)?\s*(\.\.\.|…)(\s.*)?$")]
    private static partial Regex Elision();
}
