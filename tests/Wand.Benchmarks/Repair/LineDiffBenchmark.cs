using System.Diagnostics;
using System.Globalization;
using System.Text;
using Wand.Repair;

namespace Wand.Benchmarks.Repair;

/// <summary>
/// LineDiff's memory and time on large files, against the Myers diff Wand used before DiffPlex
/// (kept below as the baseline: it copied its work array at every step, so a full rewrite of N
/// lines allocated about 8·N² bytes).
/// </summary>
public static class LineDiffBenchmark
{
    public static string Run()
    {
        var text = new StringBuilder("line diff: bytes allocated and time per diff (one run each, after a warm-up)\n");
        foreach (var lines in new[] { 1000, 5000 })
        {
            var before = string.Concat(Enumerable.Range(0, lines).Select(i => $"old line {i}\n"));
            var rewrite = string.Concat(Enumerable.Range(0, lines).Select(i => $"new line {i}\n"));
            var oneLine = before.Replace($"old line {lines / 2}\n", "changed\n", StringComparison.Ordinal);
            foreach (var (what, after) in new[] { ("full rewrite", rewrite), ("one line changed", oneLine) })
            {
                var now = Measure(() => LineDiff.ChangedLines(before, after));
                var old = Measure(() => QuadraticMyers.ChangedLines(before, after));
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"{lines,5} lines, {what,-16}  DiffPlex {now.Bytes / 1e6,9:F1} MB {now.Time.TotalMilliseconds,8:F1} ms   before {old.Bytes / 1e6,9:F1} MB {old.Time.TotalMilliseconds,8:F1} ms   memory before/now {(double)old.Bytes / now.Bytes,7:F1}x"));
            }
        }

        return text.ToString();
    }

    private static (long Bytes, TimeSpan Time) Measure(Func<int> diff)
    {
        diff();
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        diff();
        return (GC.GetAllocatedBytesForCurrentThread() - bytes, clock.Elapsed);
    }

    /// <summary>The Myers diff LineDiff used before (common head and tail trimmed; the work array cloned at every step).</summary>
    private static class QuadraticMyers
    {
        public static int ChangedLines(string before, string after)
        {
            string[] a = Lines(before), b = Lines(after);
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

            return Distance(a[head..^tail], b[head..^tail]);
        }

        private static string[] Lines(string text) => text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');

        // The edit distance D (lines removed plus added); the old code kept every step's copy of v for its backtrack.
        private static int Distance(string[] a, string[] b)
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
                        return trace.Count > 0 ? d : 0;
                    }
                }
            }

            return max;
        }
    }
}
