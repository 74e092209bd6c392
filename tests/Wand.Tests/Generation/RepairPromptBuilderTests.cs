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
}
