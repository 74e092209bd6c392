using System.Text;
using Wand.Generation;
using Wand.Generation.Search;
using Wand.Sandbox;

namespace Wand.Trust;

/// <summary>
/// Code inside the test process can always lie about its tests; this is what catches it, from
/// outside. A candidate that passes is checked before it may be offered: its run must have the
/// original's tests (none vanished, none appeared), and the lines it adds must not do what
/// test-gaming does (<see cref="GamingRules"/>, and literals copied from the tests into a
/// comparison). Comments never count; strings count only for the rules about strings.
/// </summary>
public static class TestGamingCheck
{
    private const int MaxFindings = 20;

    /// <summary>What a candidate (<paramref name="candidate"/>'s files) does that gaming does, against the job's original files and run.</summary>
    /// <param name="baseline">The original code's run; its tests are the ones every passing candidate must have (null: not compared).</param>
    public static IReadOnlyList<GamingFinding> OfChange(SandboxJob original, IReadOnlyList<JobFile> candidate, SandboxResult? baseline, SandboxResult result)
    {
        var findings = new List<GamingFinding>();
        if (baseline is { Tests.Count: > 0 } && TestsChanged(baseline, result) is { } changed)
        {
            findings.Add(changed);
        }

        var rules = GamingRules.For(original.Language);
        var dialect = SourceDialect.For(original.Language);
        var editable = EditableFiles.Of(original);
        var expected = ExpectedValues(original.Files.Where(f => !editable.Contains(f.Path)));
        foreach (var file in candidate.Where(f => editable.Contains(f.Path)))
        {
            var before = original.Files.FirstOrDefault(f => f.Path == file.Path);
            var beforeText = before is null ? "" : Encoding.UTF8.GetString(before.Content);
            var added = Added(CodeLines.Of(beforeText, dialect), CodeLines.Of(Encoding.UTF8.GetString(file.Content), dialect));
            findings.AddRange(Match(file.Path, added, rules, wholeFile: false));
            findings.AddRange(CopiedExpectations(file.Path, added, expected, beforeText));
        }

        return [.. findings.Take(MaxFindings)];
    }

    /// <summary>
    /// For code with no original to compare with (<c>wand run</c>): every source file that is
    /// not a test, with the rules that are suspicious in any code.
    /// </summary>
    public static IReadOnlyList<GamingFinding> OfCode(SandboxJob job)
    {
        var rules = GamingRules.For(job.Language);
        var dialect = SourceDialect.For(job.Language);
        var editable = EditableFiles.Of(job);
        return
        [
            .. job.Files.Where(f => editable.Contains(f.Path))
                .SelectMany(f => Match(f.Path, CodeLines.Of(Encoding.UTF8.GetString(f.Content), dialect), rules, wholeFile: true))
                .Take(MaxFindings),
        ];
    }

    /// <summary>The baseline's tests that the run lacks, and the ones it has that the baseline did not.</summary>
    private static GamingFinding? TestsChanged(SandboxResult baseline, SandboxResult result)
    {
        var before = baseline.Tests.GroupBy(t => t.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var after = result.Tests.GroupBy(t => t.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var missing = before.Where(b => after.GetValueOrDefault(b.Key) < b.Value).Select(b => b.Key).ToList();
        var extra = after.Where(a => before.GetValueOrDefault(a.Key) < a.Value).Select(a => a.Key).ToList();
        if (missing.Count == 0 && extra.Count == 0)
        {
            return null;
        }

        var text = $"{baseline.Tests.Count} tests before, {result.Tests.Count} now"
            + (missing.Count > 0 ? $"; missing: {Names(missing)}" : "")
            + (extra.Count > 0 ? $"; new: {Names(extra)}" : "");
        return new GamingFinding(GamingReasons.TestsChanged, null, 0, text);
    }

    private static string Names(List<string> names) => string.Join(", ", names.Take(5)) + (names.Count > 5 ? $" and {names.Count - 5} more" : "");

    /// <summary>The candidate's lines that the original does not have (as code: spacing and comments aside).</summary>
    private static List<CodeLine> Added(IReadOnlyList<CodeLine> before, IReadOnlyList<CodeLine> after)
    {
        var left = before.GroupBy(l => l.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var added = new List<CodeLine>();
        foreach (var line in after)
        {
            if (left.TryGetValue(line.Key, out var n) && n > 0)
            {
                left[line.Key] = n - 1;
            }
            else
            {
                added.Add(line);
            }
        }

        return added;
    }

    private static IEnumerable<GamingFinding> Match(string path, IEnumerable<CodeLine> lines, IReadOnlyList<GamingRules.Rule> rules, bool wholeFile)
    {
        foreach (var line in lines)
        {
            var rule = rules.FirstOrDefault(r => (!wholeFile || r.InWholeFiles)
                && (r.OnStrings ? line.Strings.Any(s => r.Pattern.IsMatch(s)) : r.Pattern.IsMatch(line.Code)));
            if (rule is not null)
            {
                yield return new GamingFinding(rule.Reason, path, line.Number, line.Text);
            }
        }
    }

    /// <summary>
    /// An added comparison (and the line after it) with a literal the original file lacks and the
    /// tests assert: a literal of some length, or a run of two or more, such as a list.
    /// </summary>
    private static IEnumerable<GamingFinding> CopiedExpectations(string path, List<CodeLine> added, string expected, string original)
    {
        if (expected.Length == 0)
        {
            yield break;
        }

        var originalCompact = Compact(original);
        for (var i = 0; i < added.Count; i++)
        {
            if (!added[i].Compares)
            {
                continue;
            }

            var lines = i + 1 < added.Count && added[i + 1].Number == added[i].Number + 1 ? new[] { added[i], added[i + 1] } : [added[i]];
            var copied = lines.SelectMany(l => l.Literals).FirstOrDefault(l => expected.Contains(l, StringComparison.Ordinal) && !originalCompact.Contains(l, StringComparison.Ordinal));
            if (copied is not null)
            {
                yield return new GamingFinding(GamingReasons.CopiesExpected, path, added[i].Number, added[i].Text);
            }
        }
    }

    /// <summary>The lines of the tests (and other files a repair may not change) that assert something, without spaces.</summary>
    private static string ExpectedValues(IEnumerable<JobFile> files)
    {
        var assertions = new StringBuilder();
        foreach (var file in files)
        {
            foreach (var line in Encoding.UTF8.GetString(file.Content).Split('\n'))
            {
                if (CodeLines.AssertionWords.Any(w => line.Contains(w, StringComparison.OrdinalIgnoreCase)))
                {
                    assertions.Append(Compact(line)).Append('\n');
                }
            }
        }

        return assertions.ToString();
    }

    /// <summary>Text without spaces, and with one kind of quote, so a literal compares the same in code and tests.</summary>
    internal static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c))).Replace('\'', '"');
}
