using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wand.Jobs;
using Wand.Sandbox;

namespace Wand.Benchmarks.Sandbox;

/// <summary>
/// Candidates evaluated per second: a batch of distinct candidates of one sample (half with its
/// bug, half fixed, each with its own comment so no build cache can recognise a repeat) run by
/// <see cref="SandboxRunner.RunVariantsAsync"/> (one container per run slot), against the same candidates run
/// one container each from the warm pool, as many at once as the machine has cores. With
/// another image prefix (<c>--against-images</c>: images an earlier commit's sandbox-images/
/// built), the same batches run on those images instead, round by round with this build's.
/// </summary>
public static class BatchRunBenchmark
{
    private static readonly Dictionary<string, (string File, string Bug, string Fix)> Edits = new(StringComparer.Ordinal)
    {
        ["python"] = ("stats.py", "ordered[mid] + ordered[mid + 1]", "ordered[mid - 1] + ordered[mid]"),
        ["go"] = ("max.go", "best := 0", "best := values[0]"),
        ["java"] = ("src/BinarySearch.java", "while (lo < hi)", "while (lo <= hi)"),
        ["cpp"] = ("vowels.cpp", "case 'o':", "case 'o': case 'u':"),
    };

    /// <summary>The samples with an edit here, in the order they are measured.</summary>
    public static IReadOnlyList<string> Samples => [.. Edits.Keys];

    public static async Task<string> RunAsync(string sample, int candidates, int rounds, CancellationToken cancellationToken)
    {
        var batch = Batch(sample, candidates);
        await using var services = Services(null);
        var runner = services.GetRequiredService<SandboxRunner>();
        await services.GetRequiredService<WarmContainerPool>().WarmUpAsync(
            new SandboxImageCatalog(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SandboxOptions>>().Value.ImagePrefix).ImageName(batch.Job.Language.Image), cancellationToken);

        await RunVariantsAsync(runner, batch, cancellationToken); // warm-up
        var batched = new List<TimeSpan>();
        var single = new List<TimeSpan>();
        for (var round = 0; round < rounds; round++)
        {
            await services.GetRequiredService<WarmContainerPool>().WhenRefilledAsync();
            batched.Add(await RunVariantsAsync(runner, batch, cancellationToken));
            await services.GetRequiredService<WarmContainerPool>().WhenRefilledAsync();
            single.Add(await RunOneByOneAsync(runner, batch, Environment.ProcessorCount, cancellationToken));
        }

        var text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture,
            $"{sample} sample, {candidates} candidates, {Environment.ProcessorCount} cores, median of {rounds} rounds after one warm-up batch");
        Line(text, "batched", candidates, batched);
        Line(text, $"one container each, {Environment.ProcessorCount} at once", candidates, single);
        var ratio = Median(single) / Median(batched);
        return text.AppendLine(CultureInfo.InvariantCulture, $"batched / one container each: {ratio:F1}x").ToString();
    }

    /// <summary>The same batches on this build's images and on <paramref name="againstImages"/>'s, interleaved round by round.</summary>
    public static async Task<string> CompareAsync(string sample, string againstImages, int candidates, int rounds, CancellationToken cancellationToken)
    {
        var batch = Batch(sample, candidates);
        await using var now = Services(null);
        await using var before = Services(againstImages);
        var (runNow, runBefore) = (now.GetRequiredService<SandboxRunner>(), before.GetRequiredService<SandboxRunner>());
        await RunVariantsAsync(runNow, batch, cancellationToken); // warm-up of each
        await RunVariantsAsync(runBefore, batch, cancellationToken);
        var (timesNow, timesBefore) = (new List<TimeSpan>(), new List<TimeSpan>());
        for (var round = 0; round < rounds; round++)
        {
            timesNow.Add(await RunVariantsAsync(runNow, batch, cancellationToken));
            timesBefore.Add(await RunVariantsAsync(runBefore, batch, cancellationToken));
        }

        var text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture,
            $"{sample} sample, {candidates} candidates, {Environment.ProcessorCount} cores, median of {rounds} rounds after one warm-up batch each");
        Line(text, "batched, this build's images", candidates, timesNow);
        Line(text, $"batched, {againstImages}* images", candidates, timesBefore);
        return text.AppendLine(CultureInfo.InvariantCulture, $"this build's / {againstImages}*: {Median(timesBefore) / Median(timesNow):F1}x the candidates per second").ToString();
    }

    /// <summary>Distinct candidates of a sample: even ones keep its bug, odd ones are fixed, each with a comment of its own.</summary>
    private static SandboxVariants Batch(string sample, int candidates)
    {
        var job = JobFolder.Load(Path.Combine(RepositoryRoot.Path, "samples", sample));
        var (file, bug, fix) = Edits[sample];
        var original = Encoding.UTF8.GetString(job.Files.Single(f => f.Path == file).Content);
        var comment = sample == "python" ? "#" : "//";
        var variants = Enumerable.Range(0, candidates)
            .Select(i => new SandboxVariant([new JobFile(file, Encoding.UTF8.GetBytes(
                $"{(i % 2 == 0 ? original : original.Replace(bug, fix, StringComparison.Ordinal))}\n{comment} candidate {i}\n"))]))
            .ToList();
        return new SandboxVariants(job, variants, TimeSpan.FromSeconds(60));
    }

    private static void Line(StringBuilder text, string name, int candidates, List<TimeSpan> samples) =>
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{name,-32} {candidates / Median(samples).TotalSeconds,6:F1} candidates/s ({Median(samples).TotalSeconds:F2} s per {candidates})");

    private static TimeSpan Median(List<TimeSpan> samples) => samples.Order().ElementAt(samples.Count / 2);

    private static async Task<TimeSpan> RunVariantsAsync(SandboxRunner runner, SandboxVariants batch, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var results = await runner.RunVariantsAsync(batch, cancellationToken);
        var elapsed = clock.Elapsed;
        for (var i = 0; i < results.Count; i++)
        {
            Check(results[i], i);
        }

        return elapsed;
    }

    private static async Task<TimeSpan> RunOneByOneAsync(SandboxRunner runner, SandboxVariants batch, int concurrency, CancellationToken cancellationToken)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < batch.Variants.Count; i = Interlocked.Increment(ref next))
            {
                Check(await runner.RunAsync(batch.JobOf(i), cancellationToken), i);
            }
        }));
        return clock.Elapsed;
    }

    // Even candidates keep the bug (one test fails), odd ones are fixed: a figure counts only right answers.
    private static void Check(SandboxResult result, int index)
    {
        var expected = index % 2 == 0 ? 1 : 0;
        if (result.Reason != ExitReason.Completed || result.Failed != expected || result.Passed == 0)
        {
            throw new InvalidOperationException($"candidate {index}: unexpected {result.Reason}, {result.Passed} passed, {result.Failed} failed:\n{result.Stdout}\n{result.Stderr}");
        }
    }

    private static ServiceProvider Services(string? imagePrefix)
    {
        // The default limits (one CPU per container): the batch spreads over as many containers as
        // the host runs at once, as a repair's would.
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables()
            .AddInMemoryCollection(imagePrefix is null ? [] : [new("Wand:Sandbox:ImagePrefix", imagePrefix)]).Build();
        return new ServiceCollection().AddLogging().AddWandCore(configuration).BuildServiceProvider();
    }
}
