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

    [Fact]
    public void Build_AFileLongerThanTheBudget_IsShownByTheFunctionTheTraceNames()
    {
        // 3,000 functions (about 150,000 characters): whole, the file would not fit at all.
        var big = string.Concat(Enumerable.Range(0, 3000).Select(i => $"def f_{i}(values):\n    return sum(values) * {i} + {new string('0', 20)}\n\n"));
        var files = new[]
        {
            new JobFile("pkg/big.py", Encoding.UTF8.GetBytes(big)),
            new JobFile("tests/test_big.py", "from pkg.big import f_2000\n\ndef test_f():\n    assert f_2000([1]) == 1\n"u8.ToArray()),
        };
        var latest = new SandboxResult(ExitReason.Completed, 1,
            [new TestCaseResult("tests.test_big.test_f", TestOutcome.Failed, "Traceback (most recent call last):\n  File \"/work/run-1/pkg/big.py\", line 6002, in f_2000\nAssertionError", TimeSpan.Zero)],
            [], "", "", new SandboxTimings(TimeSpan.Zero, TimeSpan.Zero));

        var prompt = RepairPromptBuilder.Build(null, files, new HashSet<string>(["pkg/big.py"]), latest, []);

        Assert.Contains("### pkg/big.py (you may change this file; 9,000 lines, only the parts below are shown", prompt.User, StringComparison.Ordinal);
        Assert.Contains("[lines 1-6000 not shown]\ndef f_2000(values):\n    return sum(values) * 2000 + ", prompt.User, StringComparison.Ordinal);
        Assert.DoesNotContain("def f_1999(", prompt.User, StringComparison.Ordinal);
        Assert.Contains("### tests/test_big.py (read only)", prompt.User, StringComparison.Ordinal);
        Assert.Equal(["pkg/big.py"], prompt.PartlyShown);
        Assert.True(prompt.User.Length < 5_000, prompt.User);
    }
}
