using System.Text;
using Wand.Fixtures;
using Wand.Jobs;
using Wand.Repair;
using Wand.Sandbox;

namespace Wand.Search;

/// <summary>A search round's candidates against real Docker: the ones its limits must not kill.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class SearchRoundTests(DockerFixture docker)
{
    [Fact]
    public async Task AFixSlowerThanItsFailFastParent_IsRunAgainWithTheJobsLimit_AndPasses()
    {
        // The broken code fails at once; the fixed code also runs the slow part of the suite. Go
        // reports each test as it ends, so the fix is seen passing when its own limit stops it.
        var job = Job.Create(
            [
                File("go.mod", "module calc\n\ngo 1.19\n"),
                File("calc.go", "package calc\n\nfunc Double(x int) int { return x + x + 1 }\n"),
                File("calc_test.go", "package calc\n\nimport (\n\t\"testing\"\n\t\"time\"\n)\n\n"
                    + "func TestDouble(t *testing.T) {\n\tif Double(2) != 4 {\n\t\tt.Fatal(\"Double(2) is not 4\")\n\t}\n}\n\n"
                    + "func TestTheSlowPart(t *testing.T) {\n\tif Double(2) != 4 {\n\t\tt.Fatal(\"broken: the slow part is not worth running\")\n\t}\n\ttime.Sleep(5 * time.Second)\n}\n"),
            ],
            LanguageProfile.Go) with
        { Timeout = TimeSpan.FromSeconds(60) };
        var baseline = await docker.Runner.RunAsync(job, CancellationToken.None);
        var fix = job.Files.Select(f => f.Path == "calc.go" ? File("calc.go", "package calc\n\nfunc Double(x int) int { return x + x }\n") : f).ToList();
        var round = new SearchRound(new SearchRequest("job", 1, ["parent"], 1), job, baseline, new CandidateTimeLimits(TimeSpan.FromSeconds(4), null),
            new Dictionary<string, SearchRound.ParentRun> { ["parent"] = new(new SandboxVariant([]), baseline) }, docker.Runner);

        await round.RunAsync([(new SearchCandidate(fix, new SourceEdit("calc.go", 3, 0, 0, "", "constant", 1), "drop + 1", 1), "fix", "parent")], CancellationToken.None);

        Assert.Equal(2, baseline.Failed);
        var evaluated = Assert.Single(round.Evaluated);
        Assert.True(evaluated.Summary.AllPassed, $"{evaluated.Result.Reason}: {evaluated.Result.Passed} passed, {evaluated.Result.Failed} failed");
        Assert.True(evaluated.Result.Timings.Run > TimeSpan.FromSeconds(5), $"the fix ran {evaluated.Result.Timings.Run}");
    }

    [Fact]
    public async Task AFixWhoseTestIsSlowerThanItsTestLimit_WhilePassingMoreThanTheOriginal_IsRunAgain_AndPasses()
    {
        // QuixBugs' levenshtein: the broken code fails its slow test at once; the fix makes that
        // test take the time it was meant to, past the limit the fast parent gave each test.
        var job = Job.Create(
            [
                File("calc.py", "def double(x):\n    return x + x + 1\n"),
                File("test_calc.py", "import time\nfrom calc import double\n\n\ndef test_double():\n    assert double(2) == 4\n\n\n"
                    + "def test_the_slow_part():\n    assert double(2) == 4\n    time.sleep(4)\n\n\ndef test_zero():\n    assert double(0) == 0\n"),
            ],
            LanguageProfile.Python) with
        { Timeout = TimeSpan.FromSeconds(60) };
        var baseline = await docker.Runner.RunAsync(job, CancellationToken.None);
        var fix = job.Files.Select(f => f.Path == "calc.py" ? File("calc.py", "def double(x):\n    return x + x\n") : f).ToList();
        var round = new SearchRound(new SearchRequest("job", 1, ["parent"], 1), job, baseline, new CandidateTimeLimits(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(2)),
            new Dictionary<string, SearchRound.ParentRun> { ["parent"] = new(new SandboxVariant([]), baseline) }, docker.Runner);

        await round.RunAsync([(new SearchCandidate(fix, new SourceEdit("calc.py", 2, 0, 0, "", "constant", 1), "drop + 1", 1), "fix", "parent")], CancellationToken.None);

        Assert.Equal(3, baseline.Failed);
        var evaluated = Assert.Single(round.Evaluated);
        Assert.True(evaluated.Summary.AllPassed, $"{evaluated.Result.Reason}: {evaluated.Result.Passed} passed, {evaluated.Result.Failed} failed");
        Assert.False(evaluated.Result.RanOutOfTime);
    }

    [Fact]
    public async Task AHungBaseline_ReportsEveryTest_AndTheLinesItHungOn()
    {
        var job = HangingJob();

        var baseline = await docker.Runner.RunAsync(job, CancellationToken.None);

        Assert.True(baseline.RanOutOfTime, $"{baseline.Reason}: {baseline.Passed} passed, {baseline.Failed} failed");
        Assert.Equal(ExitReason.Completed, baseline.Reason);
        Assert.Equal(5, baseline.Tests.Count);
        Assert.True(baseline.Timings.Run < job.Timeout, $"the run took {baseline.Timings.Run}");
        var top = FailureTraces.Suspicion(job.Files, EditableFiles.Of(job), baseline, SourceCode.SourceDialect.Python).Top(3).ToList();
        Assert.All(top, line => Assert.InRange(line.Line, 7, 13));
    }

    [Fact]
    public async Task AHungCandidate_CostsOneTestsLimit_NotTheRuns_AndIsCountedHung()
    {
        var job = HangingJob();
        var baseline = await docker.Runner.RunAsync(job, CancellationToken.None);
        var hanging = job.Files.Select(f => f.Path == "isqrt.py" ? File("isqrt.py", Encoding.UTF8.GetString(f.Content) + "\n") : f).ToList();
        var round = new SearchRound(new SearchRequest("job", 1, ["parent"], 1), job, baseline, new CandidateTimeLimits(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(1)),
            new Dictionary<string, SearchRound.ParentRun> { ["parent"] = new(new SandboxVariant([]), baseline) }, docker.Runner);

        await round.RunAsync([(new SearchCandidate(hanging, new SourceEdit("isqrt.py", 14, 0, 0, "", "constant", 1), "a blank line", 1), "hang", "parent")], CancellationToken.None);

        var evaluated = Assert.Single(round.Evaluated);
        Assert.Equal(1, round.Hung);
        Assert.Equal(5, evaluated.Result.Tests.Count);
        Assert.True(evaluated.Result.Timings.Run < TimeSpan.FromSeconds(10), $"the hung candidate ran {evaluated.Result.Timings.Run}");
    }

    /// <summary>The corpus's bisection that never ends (most of its tests hang), with a 15 s limit.</summary>
    private static Job HangingJob() => JobFolder.Load(BugCorpus.Named("py-isqrt-loop").Folder);

    private static JobFile File(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));
}
