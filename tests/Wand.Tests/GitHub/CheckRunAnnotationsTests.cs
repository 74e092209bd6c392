using System.Text;
using Octokit;
using Wand.Jobs;
using Wand.Sandbox;

namespace Wand.GitHub;

/// <summary>What Wand's check run marks on a pull request's lines.</summary>
public sealed class CheckRunAnnotationsTests
{
    private static readonly JobFile[] Files =
    [
        new("maxes.py", Encoding.UTF8.GetBytes("def running_max(values):\n    return values\n")),
        new("tests/test_maxes.py", Encoding.UTF8.GetBytes("from maxes import running_max\n\n\ndef test_mixed():\n    assert running_max([3, 1]) == [3, 3]\n")),
    ];

    [Fact]
    public void AFailedTest_IsMarkedWhereItsTraceEndsInTheHeadsFiles_AndTheFixOnTheLinesItChanges()
    {
        var original = Run(
            new TestCaseResult("test_mixed", TestOutcome.Failed, "def test_mixed():\n>       assert running_max([3, 1]) == [3, 3]\nE       assert [3, 1] == [3, 3]\n\ntests/test_maxes.py:5: AssertionError", TimeSpan.Zero),
            new TestCaseResult("test_setup", TestOutcome.Error, "fixture 'db' not found", TimeSpan.Zero),
            new TestCaseResult("test_empty", TestOutcome.Passed, null, TimeSpan.Zero));
        var fix = ReviewSuggestion.Between("maxes.py", "def running_max(values):\n    return values\n", "def running_max(values):\n    return list(values)\n");

        var annotations = CheckRunAnnotations.Of(Files, original, fix);

        Assert.Equal(2, annotations.Count);
        var failure = annotations[0];
        Assert.Equal(("tests/test_maxes.py", 5, 5, CheckAnnotationLevel.Failure, "test_mixed fails"), (failure.Path, failure.StartLine, failure.EndLine, failure.AnnotationLevel!.Value.Value, failure.Title));
        Assert.Contains("assert [3, 1] == [3, 3]", failure.Message, StringComparison.Ordinal);
        var change = annotations[1];
        Assert.Equal(("maxes.py", 2, 2, CheckAnnotationLevel.Notice), (change.Path, change.StartLine, change.EndLine, change.AnnotationLevel!.Value.Value));
        Assert.Equal("Wand's fix makes this line:\n    return list(values)\n", change.Message);
    }

    [Fact]
    public void ManyFailures_AreCappedAtWhatGitHubTakesInOneRequest()
    {
        var tests = Enumerable.Range(0, 80).Select(i => new TestCaseResult($"t{i}", TestOutcome.Failed, "tests/test_maxes.py:5: AssertionError", TimeSpan.Zero)).ToArray();

        Assert.Equal(CheckRunAnnotations.Most, CheckRunAnnotations.Of(Files, Run(tests), []).Count);
    }

    private static SandboxResult Run(params TestCaseResult[] tests) =>
        new(ExitReason.Completed, 1, tests, [], "", "", new SandboxTimings(TimeSpan.Zero, TimeSpan.Zero));
}
