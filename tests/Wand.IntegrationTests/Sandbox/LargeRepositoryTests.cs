using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wand.Fixtures;
using Wand.Jobs;

namespace Wand.Sandbox;

/// <summary>
/// Repositories the size of real ones: twenty thousand files, and more megabytes than the
/// sandbox's work folder holds. The job goes into a sandbox once per run and each candidate sends
/// only the files it changes.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class LargeRepositoryTests(DockerFixture docker)
{
    [Fact]
    public async Task TwentyThousandFiles_RunAsOneJob_AndEachCandidateSendsOnlyItsChange()
    {
        var files = Enumerable.Range(0, 19_990)
            .Select(i => File($"pkg/group{i / 100:000}/mod_{i:00000}.py", $"def total_{i}(values):\n    return sum(values) + {i % 2}\n"))
            .Append(File("test_totals.py", "from pkg.group000.mod_00000 import total_0\n\n\ndef test_total():\n    assert total_0([1, 2]) == 3\n"))
            .ToList();
        var job = Job.Create(files, LanguageProfile.Python);
        Assert.Equal(19_991, job.Files.Count);
        var fix = File("pkg/group000/mod_00000.py", "def total_0(values):\n    return sum(values)\n");
        var broken = File("pkg/group000/mod_00000.py", "def total_0(values):\n    return sum(values) - 1\n");

        var results = await docker.Runner.RunVariantsAsync(new SandboxVariants(job, [new SandboxVariant([fix]), new SandboxVariant([broken])], job.Timeout), CancellationToken.None);

        Assert.True(results[0].AllPassed, results[0].Stdout + results[0].Stderr);
        Assert.Equal(TestOutcome.Failed, Assert.Single(results[1].Tests).Outcome);
    }

    [Fact]
    public async Task AJobLargerThanTheWorkFolder_GetsRoomForItsFiles()
    {
        // 60 MB of data the tests read, on a host whose /work holds 100 MB: the job and a
        // candidate's copy of it would not fit; /work (and the memory limit) grow with the job.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Wand:Sandbox:WorkDirMegabytes"] = "100" }).Build();
        await using var services = new ServiceCollection().AddLogging().AddWandCore(configuration).BuildServiceProvider();
        var blob = new byte[600_000];
        Random.Shared.NextBytes(blob);
        var files = Enumerable.Range(0, 100).Select(i => new JobFile($"data/part{i:000}.bin", blob))
            .Append(File("test_data.py", "import os\n\n\ndef test_every_part_is_there():\n    assert sum(os.path.getsize(f'data/{name}') for name in os.listdir('data')) == 60_000_000\n"))
            .ToList();
        var job = Job.Create(files, LanguageProfile.Python);

        var results = await services.GetRequiredService<SandboxRunner>().RunVariantsAsync(
            new SandboxVariants(job, [new SandboxVariant([]), new SandboxVariant([])], job.Timeout), CancellationToken.None);

        Assert.All(results, r => Assert.True(r.AllPassed, $"{r.Reason}: {r.Stdout}{r.Stderr}"));
    }

    private static JobFile File(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));
}
