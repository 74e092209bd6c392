using System.Globalization;
using System.Text;

namespace Wand.Repair;

/// <summary>
/// Line diffs between two versions of a file (Myers' O(ND) algorithm after trimming the common
/// head and tail): how many lines changed, for ranking smaller fixes first, and the unified diff
/// stored with each candidate and shown in reports.
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
        script.AddRange(Myers(a[head..^tail], b[head..^tail]));
        script.AddRange(a[^tail..].Select(l => (' ', l)));
        return script;
    }

    private static List<(char Kind, string Line)> Myers(string[] a, string[] b)
    {
        int n = a.Length, m = b.Length, max = n + m;
        var v = new int[(2 * max) + 2];
        var trace = new List<int[]>();
        for (var d = 0; d <= max; d++)
        {
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[k - 1 + max] < v[k + 1 + max]) ? v[k + 1 + max] : v[k - 1 + max] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    (x, y) = (x + 1, y + 1);
                }

                v[k + max] = x;
                if (x >= n && y >= m)
                {
                    return Backtrack(a, b, trace, d, max);
                }
            }
        }

        return [];
    }

    private static List<(char Kind, string Line)> Backtrack(string[] a, string[] b, List<int[]> trace, int depth, int max)
    {
        var script = new List<(char, string)>();
        int x = a.Length, y = b.Length;
        for (var d = depth; d > 0; d--)
        {
            var v = trace[d];
            var k = x - y;
            var prevK = k == -d || (k != d && v[k - 1 + max] < v[k + 1 + max]) ? k + 1 : k - 1;
            var prevX = v[prevK + max];
            var prevY = prevX - prevK;
            while (x > prevX && y > prevY)
            {
                script.Add((' ', a[--x]));
                y--;
            }

            script.Add(x == prevX ? ('+', b[--y]) : ('-', a[--x]));
        }

        while (x > 0 && y > 0)
        {
            script.Add((' ', a[--x]));
            y--;
        }

        script.Reverse();
        return script;
    }
}
