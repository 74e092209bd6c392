using Wand.Jobs;

namespace Wand.Sandbox;

/// <summary>One candidate of a run: the files that differ from the run's job (each replaces or adds a file by path).</summary>
/// <param name="Tests">
/// The test files to run, relative to the folder the test command runs in (the job's <c>root</c>),
/// or, for pytest, tests by their node ids (<c>file::name</c>), in <c>WAND_TESTS</c>, one a line;
/// null runs the whole suite. The image's <c>wand-test</c> honours it where it can
/// (<see cref="LanguageProfile.SelectsTestFiles"/>). A candidate's code can see it: it only ever
/// narrows what runs, and no verdict rests on a run of selected tests.
/// </param>
public sealed record SandboxVariant(IReadOnlyList<JobFile> Files, IReadOnlyList<string>? Tests = null);

/// <summary>
/// Many candidates of one job, run in one sandbox: each variant is the job's files with its own
/// files laid over them, run with its own time limit, and gets its own result.
/// </summary>
/// <param name="Job">The files every variant starts from, the language, the test command.</param>
/// <param name="Variants">The candidates; results come back in this order.</param>
/// <param name="VariantTimeout">Wall-clock limit of each variant's test command.</param>
/// <param name="TestTimeLimit">
/// Wall-clock limit of one test, where the image's test runner applies one (pytest: the test
/// fails with its stack at the line it was running, and the run stops there); null for none. It
/// is in the candidate's environment (WAND_TEST_TIME_LIMIT): it only ever shortens a run.
/// </param>
public sealed record SandboxVariants(Job Job, IReadOnlyList<SandboxVariant> Variants, TimeSpan VariantTimeout, TimeSpan? TestTimeLimit = null)
{
    /// <summary>The most variants one run may hold.</summary>
    public const int MaxVariants = 500;

    /// <summary>The whole job as variant <paramref name="index"/> sees it.</summary>
    public Job JobOf(int index)
    {
        var files = Variants[index].Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var merged = Job.Files.Select(f => files.Remove(f.Path, out var changed) ? changed : f).Concat(files.Values).ToList();
        return Job with { Files = merged, Timeout = VariantTimeout };
    }
}
