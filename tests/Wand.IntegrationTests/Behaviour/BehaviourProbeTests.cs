using System.Text;
using Wand.Fixtures;
using Wand.Jobs;
using Wand.Sandbox;

namespace Wand.Behaviour;

/// <summary>
/// The behaviour probe in the real sandbox: the calls the sample's tests make are recorded,
/// amplified, and replayed on the original and on candidates that pass the same tests, so that
/// the one that is right only where the tests look is told apart.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class BehaviourProbeTests(DockerFixture docker) : IDisposable
{
    private const string Buggy = "    return (ordered[mid] + ordered[mid + 1]) / 2\n";

    private readonly JobFolders _folders = new();

    [Fact]
    public async Task TwoFixesThatPassTheTests_DifferOnAnAmplifiedInput_AndAHangIsAnOutcome()
    {
        var job = JobFolder.Load(_folders.CopyOfSample("python"));
        var probe = new BehaviourProbe(docker.Runner);

        var recording = await probe.RecordAsync(job, CancellationToken.None);
        var recorded = recording.Calls;
        var inputs = InputAmplifier.Amplify(recorded);
        var outcomes = await probe.ReplayAsync(job, [Variant(job, Buggy), Variant(job, "    return (ordered[mid - 1] + ordered[mid]) / 2\n"),
            Variant(job, "    return (ordered[mid - 1] + ordered[mid]) // 2 + 0.5\n"), Variant(job, "    while True:\n        pass\n")], inputs, CancellationToken.None);

        Assert.Equal(["mean [[1,2,3,4]]", "median [[5,1,3]]", "median [[4,1,3,2]]", "median [[]]"], recorded.Select(c => $"{c.Function} {c.Args.ToJsonString()}"));
        Assert.True(inputs.Count > 20, $"{inputs.Count} inputs");
        Assert.Equal("test_stats.py::test_median_even_count", recorded[2].Test);
        Assert.Equal("failed", recording.Tests["test_stats.py::test_median_even_count"]);
        Assert.True(recording.FromAPassingTest(recorded[1]));
        Assert.False(recording.FromAPassingTest(inputs.Single(i => i.Function == "median" && i.Args.ToJsonString() == "[[4,1,3,3]]")));
        var (original, right, rounded, hang) = (outcomes[0]!, outcomes[1]!, outcomes[2]!, outcomes[3]!);
        var even = Index(inputs, "median", "[[4,1,3,2]]");
        Assert.Equal("3.5", original[even]["returned"]!.ToJsonString());
        Assert.Equal("2.5", right[even]["returned"]!.ToJsonString());
        // The recorded calls cannot tell the right fix from the rounded one; an amplified one can.
        Assert.All(Enumerable.Range(0, recorded.Count), i => Assert.Equal(right[i].ToJsonString(), rounded[i].ToJsonString()));
        var neighbour = Index(inputs, "median", "[[4,1,3,3]]");
        Assert.Equal(("3.0", "3.5"), (right[neighbour]["returned"]!.ToJsonString(), rounded[neighbour]["returned"]!.ToJsonString()));
        Assert.Equal("ValueError", (string?)right[Index(inputs, "median", "[[]]")]["raised"]);
        Assert.True((bool)hang[even]["timedOut"]!);
        Assert.Equal(right[Index(inputs, "mean", "[[1,2,3,4]]")].ToJsonString(), hang[Index(inputs, "mean", "[[1,2,3,4]]")].ToJsonString());
    }

    [Fact]
    public async Task TheTestWrittenWhereFixesDisagree_PassesOnOne_AndFailsOnTheOther()
    {
        var job = JobFolder.Load(_folders.CopyOfSample("python"));
        var probe = new BehaviourProbe(docker.Runner);
        var inputs = InputAmplifier.Amplify((await probe.RecordAsync(job, CancellationToken.None)).Calls);
        var right = Variant(job, "    return (ordered[mid - 1] + ordered[mid]) / 2\n");
        var rounded = Variant(job, "    return (ordered[mid - 1] + ordered[mid]) // 2 + 0.5\n");
        var outcomes = await probe.ReplayAsync(job, [right, rounded], inputs, CancellationToken.None);

        var test = DisagreementTest.Python.For(inputs, [("the offered fix", outcomes[0]!), ("another passing candidate", outcomes[1]!)])!;
        var withTest = job with { Files = [.. job.Files, new JobFile("test_disagreement.py", Encoding.UTF8.GetBytes(test))] };
        var results = await docker.Runner.RunVariantsAsync(new SandboxVariants(withTest, [right, rounded], job.Timeout), CancellationToken.None);

        Assert.True(results[0].AllPassed, test + results[0].Stdout);
        var failing = Assert.Single(results[1].Tests, t => t.Outcome == TestOutcome.Failed);
        Assert.EndsWith("test_median_where_fixes_disagree", failing.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACandidateThatForgesBehaviourReports_ChangesOnlyItsOwn()
    {
        var job = JobFolder.Load(_folders.CopyOfSample("python"));
        var probe = new BehaviourProbe(docker.Runner);
        var inputs = InputAmplifier.Amplify((await probe.RecordAsync(job, CancellationToken.None)).Calls);
        // At exit (after the probe wrote its report) it writes a forged one into every .wand folder it can reach.
        const string Forger = """
                import atexit, json, os
                def _forge():
                    try:
                        n = len(json.load(open(".wand-behaviour/inputs.json"))["inputs"])
                    except Exception:
                        return
                    forged = json.dumps({"outcomes": [{"returned": "forged"}] * n})
                    for top in ["/tmp", "/work", "/home", "/run", "/var/tmp", os.path.dirname(os.path.dirname(os.getcwd()))]:
                        for folder, subfolders, _ in os.walk(top):
                            if folder.count("/") > 8:
                                subfolders[:] = []
                            if os.path.basename(folder) == ".wand":
                                try:
                                    with open(os.path.join(folder, "behaviour.json"), "w") as out:
                                        out.write(forged)
                                except OSError:
                                    pass
                atexit.register(_forge)

                """;
        var stats = Encoding.UTF8.GetString(job.Files.Single(f => f.Path == "stats.py").Content);
        var forger = new SandboxVariant([new JobFile("stats.py", Encoding.UTF8.GetBytes(Forger.Replace("\r\n", "\n", StringComparison.Ordinal) + stats))]);

        var outcomes = await probe.ReplayAsync(job, [new SandboxVariant([]), forger, Variant(job, "    return (ordered[mid - 1] + ordered[mid]) / 2\n")], inputs, CancellationToken.None);

        Assert.All(outcomes[1]!, o => Assert.Equal("\"forged\"", o["returned"]?.ToJsonString()));
        Assert.DoesNotContain("forged", string.Join(",", outcomes[0]!.Select(o => o.ToJsonString())), StringComparison.Ordinal);
        Assert.DoesNotContain("forged", string.Join(",", outcomes[2]!.Select(o => o.ToJsonString())), StringComparison.Ordinal);
        Assert.Equal("2.5", outcomes[2]![Index(inputs, "median", "[[4,1,3,2]]")]["returned"]!.ToJsonString());
    }

    public void Dispose() => _folders.Dispose();

    private static int Index(IReadOnlyList<ProbeCall> inputs, string function, string args) =>
        inputs.Select((c, i) => (c, i)).Single(x => x.c.Function == function && x.c.Args.ToJsonString() == args).i;

    private static SandboxVariant Variant(Job job, string medianReturn)
    {
        var stats = Encoding.UTF8.GetString(job.Files.Single(f => f.Path == "stats.py").Content);
        return new SandboxVariant([new JobFile("stats.py", Encoding.UTF8.GetBytes(stats.Replace(Buggy, medianReturn, StringComparison.Ordinal)))]);
    }
}
