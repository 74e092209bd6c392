using System.Globalization;
using System.Text;
using DiffPlex;

namespace Wand.Repair;

/// <summary>
/// Line diffs between two versions of a file (DiffPlex's Myers diff, which works in linear space:
/// a full rewrite of a large file costs megabytes, not gigabytes): how many lines changed, for
/// ranking smaller fixes first, and the unified diff stored with each candidate and shown in reports.
/// </summary>
public static class LineDiff
{
    /// <summary>Lines removed plus lines added.</summary>
    public static int ChangedLines(string before, string after)
    {
        var (a, b) = (Lines(before), Lines(after));
        return Script(a, b).Count(e => e.Kind != ' ');
    }

    /// <summary>A unified diff with three lines of context; empty when nothing changed.</summary>
    public static string Unified(string path, string before, string after)
    {
        var (a, b) = (Lines(before), Lines(after));
        var script = Script(a, b);
        if (script.All(e => e.Kind == ' '))
        {
            return "";
        }

        var text = new StringBuilder().Append("--- a/").Append(path).Append('\n').Append("+++ b/").Append(path).Append('\n');
        var changes = script.Select((e, i) => (e, i)).Where(x => x.e.Kind != ' ').Select(x => x.i).ToList();
        var start = 0;
        while (start < changes.Count)
        {
            // A hunk runs while changes are at most six lines apart (three of context each side).
            var end = start;
            while (end + 1 < changes.Count && changes[end + 1] - changes[end] <= 6)
            {
                end++;
            }

            var from = Math.Max(0, changes[start] - 3);
            var to = Math.Min(script.Count - 1, changes[end] + 3);
            var hunk = script.GetRange(from, to - from + 1);
            var oldStart = script.Take(from).Count(e => e.Kind != '+') + 1;
            var newStart = script.Take(from).Count(e => e.Kind != '-') + 1;
            text.Append(CultureInfo.InvariantCulture, $"@@ -{oldStart},{hunk.Count(e => e.Kind != '+')} +{newStart},{hunk.Count(e => e.Kind != '-')} @@\n");
            foreach (var e in hunk)
            {
                text.Append(e.Kind).Append(e.Line).Append('\n');
            }

            start = end + 1;
        }

        return text.ToString();
    }

    /// <summary>The edit script from <paramref name="before"/> to <paramref name="after"/>: each line kept (' '), removed ('-') or added ('+'), in order.</summary>
    public static IReadOnlyList<(char Kind, string Line)> Edits(string before, string after) => Script(Lines(before), Lines(after));

    private static string[] Lines(string text)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return normalized.Length == 0 ? [] : normalized.TrimEnd('\n').Split('\n');
    }

    private static List<(char Kind, string Line)> Script(string[] a, string[] b)
    {
        // The common head and tail are kept as they are: a small fix to a large file diffs only its middle.
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)])
        {
            tail++;
        }

        var script = a.Take(head).Select(l => (' ', l)).ToList();
        script.AddRange(Middle(a[head..^tail], b[head..^tail]));
        script.AddRange(a[^tail..].Select(l => (' ', l)));
        return script;
    }

    private static List<(char Kind, string Line)> Middle(string[] a, string[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            // One side empty: all added or all removed (an empty text is no line, not one empty line).
            return [.. a.Select(l => ('-', l)), .. b.Select(l => ('+', l))];
        }

        var script = new List<(char Kind, string Line)>(Math.Max(a.Length, b.Length));
        var kept = 0;
        foreach (var block in Differ.Instance.CreateCustomDiffs(string.Join('\n', a), string.Join('\n', b), ignoreWhiteSpace: false, Pieces).DiffBlocks)
        {
            script.AddRange(a[kept..block.DeleteStartA].Select(l => (' ', l)));
            script.AddRange(a.Skip(block.DeleteStartA).Take(block.DeleteCountA).Select(l => ('-', l)));
            script.AddRange(b.Skip(block.InsertStartB).Take(block.InsertCountB).Select(l => ('+', l)));
            kept = block.DeleteStartA + block.DeleteCountA;
        }

        script.AddRange(a[kept..].Select(l => (' ', l)));
        return script;
    }

    // The text is joined from lines whose endings are normalized already: each line is one piece.
    private static string[] Pieces(string text) => text.Split('\n');
}
