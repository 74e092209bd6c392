using System.Text;
using Wand.Repair;

namespace Wand.GitHub;

/// <summary>
/// One review comment with a GitHub <c>```suggestion</c> block: it replaces lines
/// <see cref="StartLine"/> to <see cref="Line"/> (the head's numbering, right side) of
/// <see cref="Path"/> with its text, so the author applies the fix with one click.
/// </summary>
/// <param name="StartLine">The first line, when the suggestion spans several; null for one line.</param>
public sealed record ReviewSuggestion(string Path, int? StartLine, int Line, string Body)
{
    private const string Fence = "```suggestion\n";

    /// <summary>The text the suggestion puts in place of its lines (its body without the fence).</summary>
    public string Replacement => Body[Fence.Length..^3];

    /// <summary>
    /// The suggestions that turn <paramref name="before"/> into <paramref name="after"/>: one per
    /// run of changed lines. An insertion has no line of its own to hang on, so it takes the line
    /// above it (the first line below it, at the top of the file) into its suggestion.
    /// </summary>
    public static IReadOnlyList<ReviewSuggestion> Between(string path, string before, string after)
    {
        var edits = LineDiff.Edits(before, after);
        var suggestions = new List<ReviewSuggestion>();
        var oldLine = 0;
        for (var i = 0; i < edits.Count;)
        {
            if (edits[i].Kind == ' ')
            {
                oldLine++;
                i++;
                continue;
            }

            var removed = new List<string>();
            var added = new List<string>();
            for (; i < edits.Count && edits[i].Kind != ' '; i++)
            {
                (edits[i].Kind == '-' ? removed : added).Add(edits[i].Line);
            }

            var first = oldLine + 1;
            oldLine += removed.Count;
            if (removed.Count > 0)
            {
                suggestions.Add(Create(path, first, oldLine, added));
            }
            else if (first > 1)
            {
                // Pure insertion after line first - 1: suggest that line followed by the new ones.
                suggestions.Add(Create(path, first - 1, first - 1, [edits[i - added.Count - 1].Line, .. added]));
            }
            else if (i < edits.Count)
            {
                // Pure insertion at the top: the new lines followed by the old first line.
                suggestions.Add(Create(path, 1, 1, [.. added, edits[i].Line]));
            }
        }

        return suggestions;
    }

    private static ReviewSuggestion Create(string path, int first, int last, IReadOnlyList<string> lines)
    {
        var body = new StringBuilder(Fence);
        foreach (var line in lines)
        {
            body.Append(line).Append('\n');
        }

        return new ReviewSuggestion(path, first == last ? null : first, last, body.Append("```").ToString());
    }
}
