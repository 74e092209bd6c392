using System.Globalization;
using System.Text;
using Wand.Behaviour;

namespace Wand.Repair;

/// <summary>
/// How sure Wand is of a fix (<see cref="BehaviourEvidence"/>), as the Markdown report and the
/// pull-request comment show it, and as lines of the CLI's summary: the label with its reasons,
/// the inputs passing candidates disagree on, and the test that decides between them. What the
/// candidates returned is their own output: shortened, and inert in Markdown.
/// </summary>
public static class RepairReportConfidence
{
    /// <summary>The longest answer or call a table cell shows.</summary>
    public const int MaxCellChars = 120;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <param name="heading">The section's heading level: "##" in the report, "###" in a comment.</param>
    public static string Markdown(BehaviourEvidence evidence, string heading = "##")
    {
        var md = new StringBuilder();
        md.AppendLine(Inv, $"{heading} How sure: {evidence.Label}").AppendLine();
        foreach (var reason in evidence.Reasons)
        {
            md.AppendLine(Inv, $"- {Escaped(reason)}");
        }

        if (evidence.Compared > 0)
        {
            md.AppendLine().AppendLine(Inv,
                $"Compared {evidence.Compared} passing candidate(s) and the original code on {evidence.Inputs} inputs: the {evidence.Recorded} calls the tests made into the editable code, and variations of them.");
        }

        if (evidence.Disagreements.Count > 0)
        {
            md.AppendLine().AppendLine("Where passing candidates disagree:").AppendLine();
            md.AppendLine(Inv, $"| input | original | {string.Join(" | ", evidence.Groups.Select(g => g.Name(evidence.Offered)))} |");
            md.AppendLine(Inv, $"|---|---|{string.Concat(evidence.Groups.Select(_ => "---|"))}");
            foreach (var d in evidence.Disagreements)
            {
                md.AppendLine(Inv, $"| {Code(d.Call)} | {Code(d.Original)} | {string.Join(" | ", d.Answers.Select(a => Code(a.Answer)))} |");
            }
        }

        if (evidence.Test is { } test)
        {
            var fence = Fence(test);
            md.AppendLine().AppendLine("A test that decides between them: add it to the suite with the answer you expect (as written, it asserts the offered fix's).").AppendLine()
                .AppendLine(Inv, $"{fence}{evidence.TestLanguage}").Append(test.TrimEnd('\n')).AppendLine().AppendLine(fence);
        }

        return md.ToString();
    }

    /// <summary>The CLI's lines: the label with its reasons, the first disagreement, and the test, indented.</summary>
    public static IEnumerable<string> TextLines(BehaviourEvidence evidence)
    {
        yield return $"  how sure: {evidence.Describe()}";
        if (evidence.Disagreements.Count > 0)
        {
            var d = evidence.Disagreements[0];
            yield return $"  passing candidates disagree on {Shorten(d.Call)}: the original {Shorten(d.Original)}; "
                + string.Join("; ", d.Answers.Select((a, i) => $"{evidence.Groups[i].Name(evidence.Offered)} {Shorten(a.Answer)}"));
        }

        if (evidence.Test is { } test)
        {
            yield return "  a test that decides between them (it asserts the offered fix's answer):";
            foreach (var line in test.TrimEnd('\n').Split('\n'))
            {
                yield return $"    {line}";
            }
        }
    }

    private static string Shorten(string text) => text.Length <= MaxCellChars ? text : $"{text[..MaxCellChars]}…";

    // One line: a line break (CR, LF, or another control character) would end a table row or a list item.
    private static string Inline(string text, int max) => string.Concat((text.Length <= max ? text : $"{text[..max]}…").Select(c => char.IsControl(c) ? ' ' : c));

    // A reason quotes a call with the tests' values: every Markdown character is escaped, so a value
    // cannot become a link, an image, a mention or markup in the pull request's comment.
    private static string Escaped(string text) =>
        string.Concat(Inline(text, 1000).Select(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or ',' or ';' or '\'' or '"' or '=' or '/' || c > 127 ? c.ToString() : $"\\{c}"));

    // Inline code with no backtick or pipe inside: a candidate's answer cannot close it or split the table.
    private static string Code(string text) =>
        $"`{Inline(text, MaxCellChars).Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)}`";

    // A fence longer than any run of backticks in the test: a value in it cannot end the block.
    private static string Fence(string text)
    {
        var (longest, run) = (0, 0);
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return new string('`', Math.Max(3, longest + 1));
    }
}
