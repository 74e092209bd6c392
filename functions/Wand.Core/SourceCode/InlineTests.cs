using System.Text.RegularExpressions;

namespace Wand.SourceCode;

/// <summary>
/// Tests written inside the code rather than in test files: Rust's <c>#[cfg(test)]</c> modules and
/// <c>#[test]</c> functions in src/. The file is the code's, and a repair may change it, but never
/// these lines: the search does not edit them, and a candidate that changes them is not believed.
/// </summary>
public static partial class InlineTests
{
    /// <summary>The 1-based line ranges (first, last) of the inline tests of <paramref name="text"/>, in a file of <paramref name="dialect"/>.</summary>
    public static IReadOnlyList<(int First, int Last)> Regions(string text, SourceDialect dialect)
    {
        if (dialect.Name != "rust")
        {
            return [];
        }

        var lines = text.Split('\n');
        var regions = new List<(int, int)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!TestAttribute().IsMatch(lines[i]))
            {
                continue;
            }

            var last = BlockEnd(lines, i);
            regions.Add((i + 1, last + 1));
            i = last;
        }

        return regions;
    }

    /// <summary>The text of the inline tests, one region after another: what no candidate may change.</summary>
    public static string Of(string text, SourceDialect dialect)
    {
        var lines = text.Split('\n');
        return string.Join("\n---\n", Regions(text, dialect).Select(r => string.Join('\n', lines[(r.First - 1)..r.Last].Select(l => l.TrimEnd()))));
    }

    public static bool Contains(IReadOnlyList<(int First, int Last)> regions, int line) => regions.Any(r => line >= r.First && line <= r.Last);

    // From the attribute to the brace that closes the item it marks (braces in strings and
    // comments are rare enough in test modules to count them all); the rest of the file when none does.
    private static int BlockEnd(string[] lines, int start)
    {
        var depth = 0;
        var opened = false;
        for (var i = start; i < lines.Length; i++)
        {
            foreach (var c in lines[i])
            {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                opened |= c == '{';
                if (opened && depth == 0)
                {
                    return i;
                }
            }
        }

        return lines.Length - 1;
    }

    [GeneratedRegex(@"^\s*#\[(cfg\(test\)|test)\]")]
    private static partial Regex TestAttribute();
}
