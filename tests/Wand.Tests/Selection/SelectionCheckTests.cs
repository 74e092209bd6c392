using Wand.Sandbox;

namespace Wand.Selection;

public sealed class SelectionCheckTests
{
    private static readonly SandboxResult Whole = Run(
        ("test_money.test_split", TestOutcome.Failed), ("test_money.test_cents", TestOutcome.Passed), ("test_text.test_slug", TestOutcome.Passed));

    [Fact]
    public void Problem_None_WhenTheSelectedTestsEndAsInTheWholeSuite()
    {
        var selected = Run(("test_money.test_split", TestOutcome.Error), ("test_money.test_cents", TestOutcome.Passed));

        Assert.Null(SelectionCheck.Problem(Whole, selected));
    }

    [Fact]
    public void Problem_ATestThatDependsOnTheOthers()
    {
        // It passes only after another file's tests set something up.
        var selected = Run(("test_money.test_split", TestOutcome.Failed), ("test_money.test_cents", TestOutcome.Failed));

        Assert.Equal("run alone, 'test_money.test_cents' failed; in the whole suite it passed", SelectionCheck.Problem(Whole, selected));
    }

    [Fact]
    public void Problem_AFailingTestNotSelected()
    {
        var selected = Run(("test_text.test_slug", TestOutcome.Passed));

        Assert.Equal("the failing test 'test_money.test_split' is not among the selected tests", SelectionCheck.Problem(Whole, selected));
    }

    [Fact]
    public void Problem_ARunnerThatIgnoredTheSelection()
    {
        Assert.Equal("the runner ran every test anyway", SelectionCheck.Problem(Whole, Whole with { SelectedTests = ["test_money.py"] }));
    }

    [Fact]
    public void Problem_ARunThatEndedOtherwise_OrATestTheSuiteDidNotHave()
    {
        Assert.Equal("run alone, the selected tests ended as timed out, the whole suite as completed",
            SelectionCheck.Problem(Whole, Run(("test_money.test_split", TestOutcome.Failed)) with { Reason = ExitReason.Timeout }));
        Assert.Equal("run alone, 'test_new.test_x' passed; in the whole suite it did not run",
            SelectionCheck.Problem(Whole, Run(("test_money.test_split", TestOutcome.Failed), ("test_new.test_x", TestOutcome.Passed))));
    }

    [Fact]
    public void ARunOfSelectedTests_IsNeverAPass()
    {
        // The verdict's guarantee: passing the chosen tests says nothing of the others.
        var passing = Run(("test_money.test_split", TestOutcome.Passed)) with { ExitCode = 0 };

        Assert.True(passing.AllPassed);
        Assert.False((passing with { SelectedTests = ["test_money.py"] }).AllPassed);
        Assert.True((passing with { SelectedTests = ["test_money.py"] }).PassedSelected);
        Assert.False(passing.PassedSelected);
    }

    private static SandboxResult Run(params (string Name, TestOutcome Outcome)[] tests) =>
        new(ExitReason.Completed, 1, [.. tests.Select(t => new TestCaseResult(t.Name, t.Outcome, null, TimeSpan.Zero))], [], "", "", new SandboxTimings(TimeSpan.Zero, TimeSpan.Zero));
}
