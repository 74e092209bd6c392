namespace Wand.Selection;

/// <summary>What test selection did for a set of candidates: the "what ran" of a round or a repair.</summary>
/// <param name="Candidates">Candidates run.</param>
/// <param name="SelectedOnly">Candidates that ran only their selected tests: they failed one, so the whole suite never ran.</param>
/// <param name="WholeAfterSelected">Candidates that passed their selected tests and then ran the whole suite.</param>
/// <param name="Checks">Runs of a parent on a selection, to see that it tells what the whole suite does.</param>
/// <param name="TestsRun">Test cases the candidates' runs and the checks ran.</param>
/// <param name="TestsWithoutSelection">Test cases the same candidates would have run, each running the whole suite once (its parent's count).</param>
public sealed record TestSelectionTally(int Candidates, int SelectedOnly, int WholeAfterSelected, int Checks, long TestsRun, long TestsWithoutSelection)
{
    public static TestSelectionTally None { get; } = new(0, 0, 0, 0, 0, 0);

    public static TestSelectionTally operator +(TestSelectionTally left, TestSelectionTally right) => new(
        left.Candidates + right.Candidates, left.SelectedOnly + right.SelectedOnly, left.WholeAfterSelected + right.WholeAfterSelected,
        left.Checks + right.Checks, left.TestsRun + right.TestsRun, left.TestsWithoutSelection + right.TestsWithoutSelection);

    /// <summary>In words, for reports and the CLI; null when no candidate ran selected tests.</summary>
    public string? Describe() => SelectedOnly + WholeAfterSelected == 0 ? null : string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{SelectedOnly} of {Candidates} candidates ran only the tests chosen for their change (they failed one), {WholeAfterSelected} passed those and ran the whole suite; {TestsRun:N0} test runs instead of {TestsWithoutSelection:N0}");
}
