using System.Text;
using Wand.Jobs;
using Wand.Sandbox;
using Wand.Sandbox.Reports;

namespace Wand.Generation;

public sealed class RepairPromptBuilderTests
{
    [Fact]
    public void Build_CarriesTheFailingTestsMessageTheDiagnosticsAndEarlierAttempts()
    {
        var files = new[] { new JobFile("stats.py", "x = 1\n"u8.ToArray()), new JobFile("test_stats.py", "def test(): pass\n"u8.ToArray()) };
        var latest = new SandboxResult(ExitReason.Completed, 1,
            [new TestCaseResult("test_stats.test_median_even_count", TestOutcome.Failed, "assert 3.5 == 2.5", TimeSpan.Zero), new TestCaseResult("test_stats.test_mean", TestOutcome.Passed, null, TimeSpan.Zero)],
            [new CompilerDiagnostic("stats.py", 3, 5, "error", "SyntaxError: invalid syntax")], "", "", new SandboxTimings(TimeSpan.Zero, TimeSpan.Zero));

        var prompt = RepairPromptBuilder.Build("Compute medians.", files, new HashSet<string>(["stats.py"]), latest, ["round 1: 2 of 4 tests passed"]);

        Assert.Contains("### stats.py (you may change this file)", prompt.User, StringComparison.Ordinal);
        Assert.Contains("### test_stats.py (read only)", prompt.User, StringComparison.Ordinal);
        Assert.Contains("2 tests ran: 1 passed, 1 failed.", prompt.User, StringComparison.Ordinal);
        Assert.Contains("### Failing test: test_stats.test_median_even_count", prompt.User, StringComparison.Ordinal);
        Assert.Contains("assert 3.5 == 2.5", prompt.User, StringComparison.Ordinal);
        Assert.Contains("- stats.py:3:5: error: SyntaxError: invalid syntax", prompt.User, StringComparison.Ordinal);
        Assert.Contains("- round 1: 2 of 4 tests passed", prompt.User, StringComparison.Ordinal);
        Assert.Contains("Compute medians.", prompt.User, StringComparison.Ordinal);
        Assert.DoesNotContain("test_mean", prompt.User, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ARepositoryLargerThanThePromptsBudget_ShowsTheFilesTheFailureNamesAndNamesTheRest()
    {
        // Thousands of modules and a large lockfile: the prompt carries the file the failing test
        // names, its test and what fits of the other editable files, never the lockfile.
        var files = Enumerable.Range(0, 3000)
            .Select(i => new JobFile($"pkg/mod_{i:0000}.py", Encoding.UTF8.GetBytes($"def f_{i}(x):\n    return x + {i}\n" + new string('#', 200) + "\n")))
            .Append(new JobFile("pkg/totals.py", "def total(values):\n    return -sum(values)\n"u8.ToArray()))
            .Append(new JobFile("tests/test_totals.py", "from pkg.totals import total\n\ndef test_total():\n    assert total([1]) == 1\n"u8.ToArray()))
            .Append(new JobFile("requirements.txt", Encoding.UTF8.GetBytes(new string('x', 50_000))))
            .Append(new JobFile("logo.png", [0x89, 0x50, 0x4e, 0x47, 0, 0, 0]))
            .ToList();
        var editable = files.Where(f => f.Path.StartsWith("pkg/", StringComparison.Ordinal)).Select(f => f.Path).ToHashSet();
        var latest = new SandboxResult(ExitReason.Completed, 1,
            [new TestCaseResult("tests.test_totals.test_total", TestOutcome.Failed, "pkg/totals.py:2: assert -1 == 1", TimeSpan.Zero)], [], "", "",
            new SandboxTimings(TimeSpan.Zero, TimeSpan.Zero));

        var prompt = RepairPromptBuilder.Build(null, files, editable, latest, []).User;

        Assert.Contains("### pkg/totals.py (you may change this file)", prompt, StringComparison.Ordinal);
        Assert.Contains("### tests/test_totals.py (read only)", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("### requirements.txt", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("### logo.png", prompt, StringComparison.Ordinal);
        Assert.Contains("more files of the job)", prompt, StringComparison.Ordinal);
        Assert.InRange(prompt.Length, RepairPromptBuilder.MaxFileChars / 2, RepairPromptBuilder.MaxFileChars + 20_000);
    }
}
