using System.Text.RegularExpressions;

namespace Wand.Generation;

/// <summary>
/// Applies the unified diffs LLMs write. They get line numbers wrong more often than context,
/// so each hunk is placed where its context and removed lines match, nearest to where the
/// header says; whitespace at line ends is ignored when matching.
/// </summary>
public static partial class UnifiedDiff
{
    /// <summary>A diff's changes, by the file they apply to (the path after <c>+++ b/</c>).</summary>
    public static IReadOnlyList<(string Path, IReadOnlyList<Hunk> Hunks)> Parse(string diff)
    {
        var files = new List<(string, IReadOnlyList<Hunk>)>();
        List<Hunk>? hunks = null;
        Hunk? hunk = null;
        var lines = diff.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i];
            if (raw.StartsWith("--- ", StringComparison.Ordinal) && i + 1 < lines.Length && lines[i + 1].StartsWith("+++ ", StringComparison.Ordinal))
            {
                continue; // a file header: "+++ " comes next and names the file
            }

            if (raw.StartsWith("+++ ", StringComparison.Ordinal))
            {
                hunks = [];
                files.Add((CleanPath(raw[4..]), hunks));
                hunk = null;
            }
            else if (HunkHeader().Match(raw) is { Success: true } header && hunks is not null)
            {
                hunk = new Hunk(int.Parse(header.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), []);
                hunks.Add(hunk);
            }
            else if (hunk is not null && IsHunkLine(raw))
            {
                // A blank line inside a hunk is a blank context line whose leading space was lost.
                hunk.Lines.Add(raw.Length == 0 ? " " : raw);
            }
        }

        return files;
    }

    /// <summary>The original with the hunks applied, or null when a hunk fits nowhere.</summary>
    public static string? Apply(string original, IReadOnlyList<Hunk> hunks)
    {
        var trailingNewline = original.EndsWith('\n');
        var lines = original.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n').ToList();
        if (original.Length == 0)
        {
            lines.Clear();
        }

        var offset = 0;
        foreach (var hunk in hunks)
        {
            var before = hunk.Lines.Where(l => l[0] != '+').Select(l => l[1..]).ToList();
            var after = hunk.Lines.Where(l => l[0] != '-').Select(l => l[1..]).ToList();
            var at = Locate(lines, before, Math.Max(0, hunk.OriginalStart - 1 + offset));
            if (at < 0)
            {
                return null;
            }

            lines.RemoveRange(at, before.Count);
            lines.InsertRange(at, after);
            offset += after.Count - before.Count;
        }

        return string.Join('\n', lines) + (trailingNewline || original.Length == 0 ? "\n" : "");
    }

    private static int Locate(List<string> lines, List<string> block, int hint)
    {
        if (block.Count == 0)
        {
            return Math.Min(hint, lines.Count);
        }

        // The header's line number may be anywhere, even past the end: search out from it.
        hint = Math.Clamp(hint, 0, Math.Max(0, lines.Count - block.Count));
        for (var distance = 0; distance <= lines.Count; distance++)
        {
            foreach (var at in new[] { hint - distance, hint + distance })
            {
                if (at >= 0 && at + block.Count <= lines.Count && block.Select((l, i) => Same(lines[at + i], l)).All(x => x))
                {
                    return at;
                }
            }
        }

        return -1;
    }

    private static bool Same(string a, string b) => a.TrimEnd() == b.TrimEnd();

    private static bool IsHunkLine(string line) => line.Length == 0 || line[0] is ' ' or '+' or '-';

    private static string CleanPath(string path)
    {
        path = path.Split('\t')[0].Trim();
        return path.StartsWith("b/", StringComparison.Ordinal) || path.StartsWith("a/", StringComparison.Ordinal) ? path[2..] : path;
    }

    /// <summary>One hunk: where it says it starts in the original, and its lines with their ' ', '+', '-' marks.</summary>
    public sealed record Hunk(int OriginalStart, List<string> Lines);

    [GeneratedRegex(@"^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@")]
    private static partial Regex HunkHeader();
}
