using System.Text;
using System.Text.RegularExpressions;

namespace Wand.Generation;

/// <summary>
/// The parts of a file too long for a prompt that the evidence points at: each line a stack
/// frame or a diagnostic names, widened to the function around it (found by indentation, the
/// way most code is laid out, whatever the language), so a 3,000-line file costs a few of its
/// functions. What is left out is marked with its line numbers, so the model knows the text is
/// not whole and changes it with SEARCH/REPLACE edits.
/// </summary>
public static partial class FileExcerpts
{
    /// <summary>The most lines one excerpt takes: a longer function is cut to this many around its line.</summary>
    public const int MaxLinesPerExcerpt = 80;

    /// <summary>Lines of context kept before and after a line that no function encloses.</summary>
    private const int Context = 12;

    /// <summary>The text of <paramref name="lines"/>' excerpts of <paramref name="text"/>, with a marker for every gap; null when no line is in the file.</summary>
    public static string? Of(string text, IEnumerable<int> lines)
    {
        var all = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        var regions = Merge([.. lines.Where(l => l <= all.Length).Select(l => Enclosing(all, l - 1))]);
        if (regions.Count == 0)
        {
            return null;
        }

        var excerpt = new StringBuilder();
        var next = 0;
        foreach (var (start, end) in regions)
        {
            if (start > next)
            {
                excerpt.AppendLine(Gap(next, start - 1));
            }

            for (var i = start; i <= end; i++)
            {
                excerpt.AppendLine(all[i]);
            }

            next = end + 1;
        }

        if (next < all.Length)
        {
            excerpt.AppendLine(Gap(next, all.Length - 1));
        }

        return excerpt.ToString();
    }

    /// <summary>The marker of left-out lines (0-based, inclusive), numbered from 1 as editors do.</summary>
    public static string Gap(int first, int last) => $"[lines {first + 1}-{last + 1} not shown]";

    /// <summary>
    /// The function around line <paramref name="at"/> (0-based): from the nearest line above it
    /// that is indented less and opens a definition, to the line before the next one indented
    /// as little (a closing brace included); cut to <see cref="MaxLinesPerExcerpt"/>.
    /// </summary>
    private static (int Start, int End) Enclosing(string[] lines, int at)
    {
        var start = -1;
        for (var i = at; i >= Math.Max(0, at - 400); i--)
        {
            if (lines[i].Trim().Length > 0 && IsDefinition(lines[i]) && (i == at || Indent(lines[i]) < Indent(lines[at])))
            {
                start = i;
                break;
            }
        }

        if (start < 0)
        {
            return Window(lines.Length, at, Context, Context);
        }

        var end = start;
        for (var i = start + 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            if (Indent(lines[i]) <= Indent(lines[start]))
            {
                // A closing brace (or Ruby's, Lua's end) at the definition's indent is the function's.
                end = lines[i].TrimStart() is ['}', ..] or ['e', 'n', 'd', ..] ? i : end;
                break;
            }

            end = i;
        }

        return end - start < MaxLinesPerExcerpt ? (start, end) : Window(lines.Length, at, MaxLinesPerExcerpt / 2, MaxLinesPerExcerpt / 2);
    }

    private static (int Start, int End) Window(int count, int at, int before, int after) => (Math.Max(0, at - before), Math.Min(count - 1, at + after));

    private static List<(int Start, int End)> Merge(List<(int Start, int End)> regions)
    {
        var merged = new List<(int Start, int End)>();
        foreach (var region in regions.OrderBy(r => r.Start))
        {
            if (merged.Count > 0 && region.Start <= merged[^1].End + 2)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, region.End));
            }
            else
            {
                merged.Add(region);
            }
        }

        return merged;
    }

    /// <summary>Whether a line opens a function or a type; a line longer than any signature (minified code, data) never does.</summary>
    internal static bool IsDefinition(string line) => line.Length <= MaxSignatureChars && Definition().IsMatch(line);

    private const int MaxSignatureChars = 300;

    private static int Indent(string line) => line.Length - line.TrimStart(' ', '\t').Length;

    /// <summary>
    /// A line that opens a function or a type in the supported languages (and most others): not
    /// a statement, then Python's def or class, a JavaScript function (or one assigned to a
    /// name), Go's func, Rust's fn or impl, a type declaration, or a C-family method signature
    /// (modifiers, a return type, a name and an open parenthesis, no semicolon).
    /// </summary>
    [GeneratedRegex(@"^(?!\s*(?:else|return|new|throw|case|if|for|foreach|while|switch|catch|await|yield|do|try|using|lock|assert)\b)\s*"
        + @"(?:(?:public|private|protected|internal|static|final|abstract|sealed|partial|export|default|data|open|override|virtual|async|synchronized|inline|constexpr|const|unsafe|pub(?:\(\w+\))?)\s+)*"
        + @"(?:def\s|class\s|interface\s|enum\s|record\s|struct\s|trait\s|object\s|impl\b|function\b|func\s|fn\s"
        + @"|[\w<>\[\],.?*&:~]+\s+[\w:~]+\s*\([^;]*$|\w+\s*[:=]\s*(?:async\s*)?(?:function\b|\([^)]*\)\s*=>))")]
    private static partial Regex Definition();

    /// <summary>A file and a line as traces and compilers write them (bounded: output can be one long line).</summary>
    [GeneratedRegex(@"(?<path>[\w.\-/\\]{1,300}\.[A-Za-z]\w{0,20})(?:"", line |:)(?<line>\d{1,7})")]
    internal static partial Regex FileAndLine();
}
