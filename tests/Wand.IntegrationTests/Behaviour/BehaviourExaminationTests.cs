using System.Text;
using Wand.Fixtures;
using Wand.Jobs;
using Wand.Sandbox;

namespace Wand.Behaviour;

/// <summary>
/// The examination on samples/bugs' programs whose tests are deliberately weak: the manifest's
/// fix and its wrong fix both pass, and whichever comes first, the fix offered is never called
/// likely-correct, and the test written where they disagree is what tells them apart.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class BehaviourExaminationTests(DockerFixture docker)
{
    public static TheoryData<string> WeaklyTested() => [.. BugCorpus.WeakTests.Select(b => b.Name)];

    [Theory]
    [MemberData(nameof(WeaklyTested))]
    public async Task AWrongFixThatPassesWeakTests_IsNeverLikelyCorrect_AndTheTestToAddTellsItApart(string name)
    {
        var bug = BugCorpus.Named(name);
        var job = JobFolder.Load(bug.Folder);
        var (right, wrong) = (Candidate(bug, "right", bug.Fix), Candidate(bug, "wrong", bug.WrongFix!));
        var examination = new BehaviourExamination(new BehaviourProbe(docker.Runner));

        var wrongFirst = (await examination.ExamineAsync(job, [wrong, right], CancellationToken.None)).Evidence;
        var rightFirst = (await examination.ExamineAsync(job, [right, wrong], CancellationToken.None)).Evidence;

        foreach (var evidence in new[] { wrongFirst, rightFirst })
        {
            Assert.Equal(Confidence.Plausible, evidence.Confidence);
            Assert.Equal(2, evidence.Groups.Count);
            Assert.NotEmpty(evidence.Disagreements);
            Assert.Contains("2 passing candidates behave 2 ways", evidence.Reasons[0], StringComparison.Ordinal);
        }

        // Among two groups of one, the first candidate's is offered: the rule leaves the order to the repair's ranking.
        Assert.Equal(("wrong", "right"), (wrongFirst.Offered, rightFirst.Offered));
        // Of the passing tests' calls, each fix keeps what the original did: only a call of each test is recorded, with the test.
        Assert.Contains("it does what the original did on the 1 call(s) of tests the original passed", rightFirst.Reasons);
        var test = rightFirst.Test!;
        var file = rightFirst.TestLanguage == "python" ? "test_disagreement.py" : "disagreement.test.js";
        var withTest = job with { Files = [.. job.Files, new JobFile(file, Encoding.UTF8.GetBytes(test))] };
        var results = await docker.Runner.RunVariantsAsync(new SandboxVariants(withTest, [right.Variant, wrong.Variant], job.Timeout), CancellationToken.None);
        Assert.True(results[0].AllPassed, test + results[0].Stdout);
        Assert.Contains(results[1].Tests, t => t.Outcome == TestOutcome.Failed && t.Name.Replace('_', ' ').EndsWith("where fixes disagree", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheRightFixAlone_KeepsWhatThePassingTestsCalled_AndIsLikelyCorrect()
    {
        var bug = BugCorpus.Named("py-clamp");
        var job = JobFolder.Load(bug.Folder);

        var examined = await new BehaviourExamination(new BehaviourProbe(docker.Runner)).ExamineAsync(job, [Candidate(bug, "right", bug.Fix)], CancellationToken.None);

        Assert.Equal(Confidence.LikelyCorrect, examined.Evidence.Confidence);
        Assert.Equal("right", examined.Evidence.Offered);
        Assert.Null(examined.Evidence.Test);
        Assert.Equal(3, examined.Evidence.Recorded);
        Assert.True(examined.Evidence.Inputs > 3);
        Assert.Equal(examined.Evidence.Inputs, examined.Record!["inputs"]!.AsArray().Count);
    }

    [Fact]
    public async Task AJobInALanguageWithoutAProbe_IsPlausible_AndSaysWhy()
    {
        var bug = BugCorpus.Named("go-gcd");
        var job = JobFolder.Load(bug.Folder);

        var examined = await new BehaviourExamination(new BehaviourProbe(docker.Runner)).ExamineAsync(job, [Candidate(bug, "right", bug.Fix)], CancellationToken.None);

        Assert.Equal(Confidence.Plausible, examined.Evidence.Confidence);
        Assert.Contains("no behaviour probe for go", examined.Evidence.Reasons[0], StringComparison.Ordinal);
        Assert.Null(examined.Record);
    }

    [Fact]
    public async Task AJavaScriptTestCommandWithShellOperatorsAndQuotes_IsRecordedWhole()
    {
        var bug = BugCorpus.Named("js-pass-mark");
        var job = JobFolder.Load(bug.Folder) with { TestCommand = "echo 'it''s the suite' && cd . && wand-test" };

        var evidence = (await new BehaviourExamination(new BehaviourProbe(docker.Runner))
            .ExamineAsync(job, [Candidate(bug, "right", bug.Fix), Candidate(bug, "wrong", bug.WrongFix!)], CancellationToken.None)).Evidence;

        Assert.Equal((2, 2), (evidence.Recorded, evidence.Compared));
        Assert.Contains("it does what the original did on the 1 call(s) of tests the original passed", evidence.Reasons);
    }

    [Fact]
    public async Task AnEsModulePackage_IsNotRecorded_AndSaysWhy()
    {
        var bug = BugCorpus.Named("js-unique");
        var job = JobFolder.Load(bug.Folder);
        job = job with { Files = [.. job.Files, new JobFile("package.json", Encoding.UTF8.GetBytes("{ \"type\": \"module\" }"))] };

        var examined = await new BehaviourExamination(new BehaviourProbe(docker.Runner)).ExamineAsync(job, [Candidate(bug, "right", bug.Fix)], CancellationToken.None);

        Assert.Equal(Confidence.Plausible, examined.Evidence.Confidence);
        Assert.Contains("this package is an ES module", examined.Evidence.Reasons[0], StringComparison.Ordinal);
    }

    private static ExaminedCandidate Candidate(CorpusBug bug, string key, string line)
    {
        var text = File.ReadAllText(Path.Combine(bug.Folder, bug.File));
        return new ExaminedCandidate(key, new SandboxVariant([new JobFile(bug.File, Encoding.UTF8.GetBytes(bug.WithLine(text, line)))]));
    }
}
