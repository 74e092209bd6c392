using Wand.Jobs;
using Wand.Sandbox;

namespace Wand.Selection;

/// <summary>A candidate to run: its files over the job's, and its parent (whose run chooses its tests).</summary>
/// <param name="Changed">The files it changes from its parent: their tests run first.</param>
/// <param name="Covering">From coverage, the tests (pytest's node ids) that failed or ran the changed lines in the parent: they run first; null: not known, the test files chosen by <see cref="TestSelector"/> do.</param>
public sealed record SelectionCandidate(
    SandboxVariant Variant, string ParentKey, SandboxVariant Parent, SandboxResult ParentResult, IReadOnlyCollection<string> Changed, IReadOnlyCollection<string>? Covering = null);

/// <summary>
/// Runs candidates on the tests chosen for them first (<see cref="TestSelector"/>), and the whole
/// suite only for those that pass all of those: a candidate that fails a chosen test fails the
/// suite, and is known for the cost of a few files' tests. A selection is used for a parent's
/// candidates only after the parent, run on it, got what it gets from the whole suite
/// (<see cref="SelectionCheck"/>). No candidate passes on selected tests: its pass is its whole
/// suite's (<see cref="SandboxResult.AllPassed"/>).
/// </summary>
/// <param name="run">
/// Runs variants of the job (with the caller's limits and reruns), results in order; true: they
/// passed their chosen tests and run the whole suite, which they get the job's whole time limit
/// for (a limit derived from the parent's time is for the many; a machine under load may need more).
/// </param>
/// <param name="checkedBefore">What earlier checks found (<see cref="Checked"/>), so that no parent is checked on a selection twice.</param>
public sealed class SelectedTestRuns(
    Job job, Func<IReadOnlyList<SandboxVariant>, bool, CancellationToken, Task<IReadOnlyList<SandboxResult>>> run, IReadOnlyDictionary<string, string>? checkedBefore = null)
{
    private static readonly TestChoice Off = new(null, "test selection is off (Wand:Repair:SelectTests)");

    private TestFileIndex? _tests;

    private readonly Dictionary<string, string> _checked = new(checkedBefore ?? new Dictionary<string, string>(), StringComparer.Ordinal);

    /// <summary>A parent's selection (its key and the files) -> why it cannot stand in for the whole suite, or "" when it can.</summary>
    public IReadOnlyDictionary<string, string> Checked => _checked;

    /// <summary>False: every candidate runs the whole suite (<c>Wand:Repair:SelectTests</c>), and the tally still counts its tests.</summary>
    public bool Enabled { get; init; } = true;

    public TestSelectionTally Tally { get; private set; } = TestSelectionTally.None;

    /// <summary>Why selections were not used, each once, for the report.</summary>
    public SortedSet<string> Unused { get; } = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<SandboxResult>> RunAsync(IReadOnlyList<SelectionCandidate> candidates, CancellationToken cancellationToken)
    {
        // The index of the test files is read once, and only when tests may be chosen.
        var choices = candidates.Select(c => Enabled ? TestSelector.Choose(job, _tests ??= new(job), c.ParentResult, c.Changed, c.Covering) : Off).ToList();
        var checks = await CheckAsync(candidates, choices, cancellationToken);
        var variants = candidates.Select((c, i) => Usable(c, choices[i]) is { } files ? c.Variant with { Tests = files } : c.Variant).ToList();
        var results = (await run(variants, false, cancellationToken)).ToArray();
        var passed = Enumerable.Range(0, results.Length).Where(i => results[i].PassedSelected).ToList();
        var whole = passed.Count == 0 ? [] : await run([.. passed.Select(i => candidates[i].Variant)], true, cancellationToken);
        var testsRun = checks + results.Sum(r => (long)r.Tests.Count) + whole.Sum(r => (long)r.Tests.Count);
        foreach (var (index, result) in passed.Zip(whole))
        {
            results[index] = result;
        }

        Tally += new TestSelectionTally(candidates.Count, results.Count(r => r.SelectedTests is not null), passed.Count, 0, testsRun,
            candidates.Sum(c => (long)c.ParentResult.Tests.Count));
        return results;
    }

    private IReadOnlyList<string>? Usable(SelectionCandidate candidate, TestChoice choice)
    {
        if (choice.Files is null)
        {
            Unused.Add(choice.Why);
            return null;
        }

        var problem = _checked[Key(candidate, choice.Files)];
        if (problem.Length > 0)
        {
            Unused.Add(problem);
            return null;
        }

        return choice.Files;
    }

    /// <summary>Runs each parent on each selection not yet tried on it; returns the test cases those runs ran.</summary>
    private async Task<long> CheckAsync(IReadOnlyList<SelectionCandidate> candidates, List<TestChoice> choices, CancellationToken cancellationToken)
    {
        var wanted = candidates.Zip(choices)
            .Where(c => c.Second.Files is not null)
            .Select(c => (Key: Key(c.First, c.Second.Files!), c.First, Files: c.Second.Files!))
            .Where(c => !_checked.ContainsKey(c.Key))
            .DistinctBy(c => c.Key)
            .ToList();
        if (wanted.Count == 0)
        {
            return 0;
        }

        var results = await run([.. wanted.Select(w => w.First.Parent with { Tests = w.Files })], false, cancellationToken);
        foreach (var (w, result) in wanted.Zip(results))
        {
            _checked[w.Key] = SelectionCheck.Problem(w.First.ParentResult, result) is { } problem ? $"the check of a selection on a parent: {problem}" : "";
        }

        Tally += TestSelectionTally.None with { Checks = wanted.Count };
        return results.Sum(r => (long)r.Tests.Count);
    }

    private static string Key(SelectionCandidate candidate, IReadOnlyList<string> files) => $"{candidate.ParentKey}\n{string.Join('\n', files)}";
}
