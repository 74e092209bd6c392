using System.Text;
using Wand.Jobs;
using Wand.Sandbox;
using Wand.SourceCode;

namespace Wand.Trust;

/// <summary>
/// Code inside the test process can always lie about its tests; this is what catches it, from
/// outside. A candidate that passes is checked before it may be offered: its run must have the
/// original's tests (none vanished, none appeared), the tests written inside the code must be
/// as they were (<see cref="InlineTests"/>), and the lines it adds must not do what
/// test-gaming does (<see cref="GamingRules"/>, and literals copied from the tests into a
/// comparison). Comments never count; strings count only for the rules about strings.
/// </summary>
public static class TestGamingCheck
{
    private const int MaxFindings = 20;

    /// <summary>What a candidate (<paramref name="candidate"/>'s files) does that gaming does, against the job's original files and run.</summary>
    /// <param name="baseline">The original code's run; its tests are the ones every passing candidate must have (null: not compared).</param>
    public static IReadOnlyList<GamingFinding> OfChange(Job original, IReadOnlyList<JobFile> candidate, SandboxResult? baseline, SandboxResult result)
    {
        var findings = new List<GamingFinding>();
        if (baseline is { Tests.Count: > 0 } && TestsChanged(baseline, result) is { } changed)
        {
            findings.Add(changed);
        }

        var rules = GamingRules.For(original.Language);
        var dialect = SourceDialect.For(original.Language);
        var editable = EditableFiles.Of(original);
        var assertions = Assertions(original.Files.Where(f => !editable.Contains(f.Path)));
        foreach (var file in candidate.Where(f => editable.Contains(f.Path)))
        {
            var before = original.Files.FirstOrDefault(f => f.Path == file.Path);
            var beforeText = before is null ? "" : Encoding.UTF8.GetString(before.Content);
            var beforeLines = CodeLines.Of(beforeText, dialect);
            var afterText = Encoding.UTF8.GetString(file.Content);
            if (InlineTests.Of(beforeText, dialect) != InlineTests.Of(afterText, dialect))
            {
                var regions = InlineTests.Regions(afterText, dialect);
                findings.Add(new GamingFinding(GamingReasons.ChangesInlineTests, file.Path, regions.Count > 0 ? regions[0].First : 0, "the tests inside the file differ from the original's"));
            }

            var added = Added(beforeLines, CodeLines.Of(afterText, dialect));
            findings.AddRange(Match(file.Path, added, rules, wholeFile: false, Matches(beforeLines, rules)));
            findings.AddRange(CopiedExpectations(file.Path, added, assertions, beforeText));
        }

        return [.. findings.Take(MaxFindings)];
    }

    /// <summary>
    /// For code with no original to compare with (<c>wand run</c>): every source file that is
    /// not a test, with the rules that are suspicious in any code.
    /// </summary>
    public static IReadOnlyList<GamingFinding> OfCode(Job job)
    {
        var rules = GamingRules.For(job.Language);
        var dialect = SourceDialect.For(job.Language);
        var editable = EditableFiles.Of(job);
        return
        [
            .. job.Files.Where(f => editable.Contains(f.Path))
                .SelectMany(f => Match(f.Path, CodeLines.Of(Encoding.UTF8.GetString(f.Content), dialect), rules, wholeFile: true, []))
                .Take(MaxFindings),
        ];
    }

    /// <summary>
    /// The baseline's tests that the run lacks or skips, and the ones it has that the baseline did
    /// not. A baseline whose run had errors (a test file that did not even load) may have
    /// reported less than it holds: new tests are then allowed, never missing or skipped ones.
    /// </summary>
    private static GamingFinding? TestsChanged(SandboxResult baseline, SandboxResult result)
    {
        var before = Counts(baseline.Tests.Where(t => t.Outcome != TestOutcome.Error));
        var after = Counts(result.Tests);
        var missing = before.Where(b => after.GetValueOrDefault(b.Key) < b.Value).Select(b => b.Key).ToList();
        var extra = baseline.Tests.Any(t => t.Outcome == TestOutcome.Error) ? []
            : after.Where(a => before.GetValueOrDefault(a.Key) < a.Value).Select(a => a.Key).ToList();
        var ran = baseline.Tests.Where(t => t.Outcome != TestOutcome.Skipped).Select(t => TestIdentity.Of(t.Name)).ToHashSet(StringComparer.Ordinal);
        var skipped = result.Tests.Where(t => t.Outcome == TestOutcome.Skipped && ran.Contains(TestIdentity.Of(t.Name))).Select(t => t.Name).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && extra.Count == 0 && skipped.Count == 0)
        {
            return null;
        }

        var text = $"{baseline.Tests.Count} tests before, {result.Tests.Count} now"
            + (missing.Count > 0 ? $"; missing: {Names(missing)}" : "")
            + (extra.Count > 0 ? $"; new: {Names(extra)}" : "")
            + (skipped.Count > 0 ? $"; skipped now: {Names(skipped)}" : "");
        return new GamingFinding(GamingReasons.TestsChanged, null, 0, text);
    }

    // Counted per identity (TestIdentity): a test named by the time or a GUID is the same test in every run.
    private static Dictionary<string, int> Counts(IEnumerable<TestCaseResult> tests) =>
        tests.GroupBy(t => TestIdentity.Of(t.Name), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

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

    /// <summary>The first rule each line breaks; what the original file already did (the same rule, the same words) is not the candidate's doing.</summary>
    private static IEnumerable<GamingFinding> Match(
        string path, IEnumerable<CodeLine> lines, IReadOnlyList<GamingRules.Rule> rules, bool wholeFile, HashSet<string> originals)
    {
        foreach (var line in lines)
        {
            foreach (var rule in rules.Where(r => !wholeFile || r.InWholeFiles))
            {
                var match = MatchesOf(rule, line).FirstOrDefault(m => !originals.Contains(Key(rule, m)));
                if (match is not null)
                {
                    yield return new GamingFinding(rule.Reason, path, line.Number, line.Text);
                    break;
                }
            }
        }
    }

    /// <summary>Every (rule, matched words) of a file's lines.</summary>
    private static HashSet<string> Matches(IReadOnlyList<CodeLine> lines, IReadOnlyList<GamingRules.Rule> rules) =>
        [.. lines.SelectMany(line => rules.SelectMany(rule => MatchesOf(rule, line).Select(m => Key(rule, m))))];

    private static IEnumerable<string> MatchesOf(GamingRules.Rule rule, CodeLine line) => rule.OnStrings
        ? line.Strings.Select(s => rule.Pattern.Match(s)).Where(m => m.Success).Select(m => m.Value)
        : rule.Pattern.Matches(line.Code).Select(m => m.Value);

    private static string Key(GamingRules.Rule rule, string match) => $"{rule.Pattern}\u0001{match}";

    /// <summary>
    /// An added comparison and the line after it that hold two of the literals of one of the
    /// tests' assertions (or a list of them) the original file lacks: an input of the test and
    /// the answer it expects (<c>if values == [4, 1, 3, 2]: return 2.5</c>).
    /// </summary>
    private static IEnumerable<GamingFinding> CopiedExpectations(string path, List<CodeLine> added, List<string> assertions, string original)
    {
        var originalCompact = Compact(original);
        for (var i = 0; i < added.Count && assertions.Count > 0; i++)
        {
            if (!added[i].Compares)
            {
                continue;
            }

            var next = i + 1 < added.Count && added[i + 1].Number == added[i].Number + 1 ? added[i + 1].Literals : [];
            var literals = added[i].Literals.Concat(next).Distinct(StringComparer.Ordinal).Where(l => !Holds(originalCompact, l)).ToList();
            if (assertions.Any(test => literals.Count(l => Holds(test, l)) >= 2 || literals.Any(l => l.Contains(',', StringComparison.Ordinal) && Holds(test, l))))
            {
                yield return new GamingFinding(GamingReasons.CopiesExpected, path, added[i].Number, added[i].Text);
            }
        }
    }

    /// <summary>Whether compact text holds a literal: a number only where no digit, letter or dot goes on around it.</summary>
    private static bool Holds(string text, string literal) =>
        char.IsAsciiDigit(literal[0]) || literal[0] is '.' or '-'
            ? System.Text.RegularExpressions.Regex.IsMatch(text, $@"(?<![\w.]){System.Text.RegularExpressions.Regex.Escape(literal)}(?![\w.])")
            : text.Contains(literal, StringComparison.Ordinal);

    /// <summary>The lines of the tests (and other files a repair may not change) that assert something, compact.</summary>
    private static List<string> Assertions(IEnumerable<JobFile> files) =>
    [
        .. files.SelectMany(f => Encoding.UTF8.GetString(f.Content).Split('\n'))
            .Where(line => CodeLines.AssertionWords.Any(w => line.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .Select(Compact),
    ];

    /// <summary>Text without spaces, and with one kind of quote, so a literal compares the same in code and tests.</summary>
    internal static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c))).Replace('\'', '"');
}
