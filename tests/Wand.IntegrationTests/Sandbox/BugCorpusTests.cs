using Wand.Fixtures;
using Wand.Jobs;

namespace Wand.Sandbox;

/// <summary>
/// samples/bugs: every program fails its tests as it is and passes them with the manifest's
/// one-line fix, so the corpus measures repairs of real defects.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class BugCorpusTests(DockerFixture docker)
{
    public static TheoryData<string> Names() => [.. BugCorpus.All.Select(b => b.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Program_FailsAsItIs_PassesWithTheManifestsFix(string name)
    {
        var bug = BugCorpus.Named(name);
        var job = JobFolder.Load(bug.Folder);
        Assert.Equal(bug.Language, job.Language.Name);
        var text = File.ReadAllText(Path.Combine(bug.Folder, bug.File));
        Assert.NotEqual(bug.Fix, text.Split('\n')[bug.Line - 1]);
        var fixedJob = WithLine(job, bug, text, bug.Fix);

        var asItIs = await docker.Runner.RunAsync(job, CancellationToken.None);
        var repaired = await docker.Runner.RunAsync(fixedJob, CancellationToken.None);

        Assert.False(asItIs.AllPassed, $"{bug.Name} passes its tests without the fix");
        Assert.True(repaired.AllPassed, $"{bug.Name} with the fix: {repaired.Reason}, {repaired.Passed}/{repaired.Tests.Count} passed\n{repaired.Stdout}");
    }

    public static TheoryData<string> WeaklyTested() => [.. BugCorpus.WeakTests.Select(b => b.Name)];

    /// <summary>The programs with deliberately weak tests are what they claim: a wrong fix passes them too.</summary>
    [Theory]
    [MemberData(nameof(WeaklyTested))]
    public async Task WeaklyTestedProgram_PassesWithItsWrongFixToo(string name)
    {
        var bug = BugCorpus.Named(name);
        var job = JobFolder.Load(bug.Folder);
        var text = File.ReadAllText(Path.Combine(bug.Folder, bug.File));
        var wrong = WithLine(job, bug, text, bug.WrongFix!);

        var result = await docker.Runner.RunAsync(wrong, CancellationToken.None);

        Assert.True(result.AllPassed, $"{bug.Name}'s wrong fix fails its tests, so they are not weak: {result.Stdout}");
    }

    /// <summary>
    /// A repair may change the file with the defect but never the tests, or a candidate could
    /// "pass" by weakening them. No Docker needed.
    /// </summary>
    [Fact]
    public void EveryProgram_MayEditTheDefectsFileButNotItsTests()
    {
        foreach (var bug in BugCorpus.All)
        {
            var job = JobFolder.Load(bug.Folder);
            var editable = EditableFiles.Of(job);
            Assert.True(editable.Contains(bug.File), $"{bug.Name}: {bug.File} is not editable");
            var tests = job.Files.Select(f => f.Path).Where(EditableFiles.LooksLikeTest).ToList();
            Assert.True(tests.Count > 0, $"{bug.Name} has no test file by the runners' naming conventions");
            Assert.DoesNotContain(tests, editable.Contains);
        }
    }

    /// <summary>The program with <paramref name="line"/> in place of its defect's line.</summary>
    private static Job WithLine(Job job, CorpusBug bug, string text, string line) =>
        job with { Files = [.. job.Files.Select(f => f.Path == bug.File ? f with { Content = System.Text.Encoding.UTF8.GetBytes(bug.WithLine(text, line)) } : f)] };
}
