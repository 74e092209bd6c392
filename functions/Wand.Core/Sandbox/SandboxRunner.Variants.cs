using System.Diagnostics;
using Wand.Jobs;

namespace Wand.Sandbox;

/// <summary>
/// A run of many variants: one container takes the job once and runs its variants one after another,
/// each in its own copy as the candidate user, every process of that user killed and everything
/// it owned removed before the next starts (see <see cref="RunScript"/>). Each variant's result
/// comes back as soon as it ends. A container per candidate costs hundreds of milliseconds; a
/// variant in a warm container costs its test run and a few milliseconds of cleaning.
/// </summary>
public sealed partial class SandboxRunner
{
    // Each variant keeps a few KB of each output stream and a share of the reports, so a run's
    // whole answer stays bounded however many variants it holds.
    private const int VariantOutputBytes = 8 * 1024;
    private const int ReportBytesPerRun = 32_000_000;
    private const int MinVariantReportBytes = 32 * 1024;
    private const int MaxVariantReportBytes = 4_000_000;

    // Each variant's watchdog holds its limit; killing the container is only the backstop, after
    // the limits of every variant, the time to prepare and clean each, and the caches' seeding.
    private static readonly TimeSpan BackstopAllowance = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PerVariantAllowance = TimeSpan.FromMilliseconds(500);

    public async Task<IReadOnlyList<SandboxResult>> RunVariantsAsync(SandboxVariants run, CancellationToken cancellationToken)
    {
        SandboxVariantsValidation.Validate(run, limits);
        return run.Variants.Count == 0 ? [] : await ObservedAsync(run.Job, run.Variants.Count, () => RunEachAsync(run, cancellationToken));
    }

    private async Task<IReadOnlyList<SandboxResult>> RunEachAsync(SandboxVariants run, CancellationToken cancellationToken)
    {
        await SweepOnceAsync();
        var image = await ImageAsync(run.Job, cancellationToken);
        if (image.Failed is { } failed)
        {
            return [.. run.Variants.Select(_ => failed)];
        }

        // Variants share nothing but the job, so the run is spread over as many containers as
        // the host may run at once, each with the limits of one sandbox, in order.
        var settings = options.Value;
        var caps = new RunCaps(VariantOutputBytes, settings.OutputLimitBytes,
            Math.Clamp(ReportBytesPerRun / run.Variants.Count, MinVariantReportBytes, MaxVariantReportBytes));
        var parts = Math.Clamp(settings.MaxConcurrentRuns, 1, run.Variants.Count);
        var size = (int)Math.Ceiling((double)run.Variants.Count / parts);
        var results = await Task.WhenAll(run.Variants.Chunk(size).Select(async part =>
        {
            await docker.RunSlots.WaitAsync(cancellationToken);
            try
            {
                return await RunPartAsync(run with { Variants = part }, image.Name!, caps, cancellationToken);
            }
            finally
            {
                docker.RunSlots.Release();
            }
        }));
        return [.. results.SelectMany(r => r)];
    }

    /// <summary>
    /// Runs the variants in one container; those after a variant that left the container unclean
    /// (a process or a file the cleaning could not remove) run in a new one.
    /// </summary>
    private async Task<IReadOnlyList<SandboxResult>> RunPartAsync(SandboxVariants run, string image, RunCaps caps, CancellationToken cancellationToken)
    {
        var results = new List<SandboxResult>(run.Variants.Count);
        while (results.Count < run.Variants.Count)
        {
            var rest = run with { Variants = [.. run.Variants.Skip(results.Count)] };
            var (done, stoppedAt) = await RunInContainerAsync(rest, image, caps, seed: run.Variants.Count > 1, cancellationToken);
            results.AddRange(stoppedAt is { } stop ? done.Take(stop) : done);
        }

        return results;
    }

    private async Task<(IReadOnlyList<SandboxResult> Results, int? StoppedAt)> RunInContainerAsync(
        SandboxVariants run, string image, RunCaps caps, bool seed, CancellationToken cancellationToken)
    {
        var count = run.Variants.Count;
        var backstop = (run.VariantTimeout * (count + (seed ? 1 : 0))) + BackstopAllowance + (PerVariantAllowance * count);
        var clock = Stopwatch.StartNew();
        // The warm pool's containers have the default limits; a job that asks for others, or
        // needs more room for its files, gets a container of its own.
        var (resources, workDir) = Sized(run.Job);
        var id = resources is not null || workDir is not null
            ? await containers.CreateStartedAsync(image, backstop + TimeSpan.FromMinutes(5), cancellationToken, resources, workDir)
            : await pool.TakeAsync(image, backstop + TimeSpan.FromMinutes(5), cancellationToken);
        var containerTime = clock.Elapsed;
        try
        {
            clock.Restart();
            var boundary = $"wand-{Guid.NewGuid():N}";
            var stdout = new VariantOutputReader(boundary, count, caps.RecordBytes);
            var stderr = new CappedOutput(64 * 1024);
            var exec = await new ContainerExec(docker.Client).RunAsync(
                id, RunScript.Command(run, caps, seed, RunScript.NewCandidateUid()), [$"{RunScript.BoundaryVariable}={boundary}"], JobTar.Of(run),
                backstop, (long)count * (caps.RecordBytes + 256), stdout, stderr, cancellationToken);
            var stoppedAt = stdout.StoppedAt;
            if (!stdout.Ended)
            {
                await containers.KillAsync(id);
                stoppedAt = Died(exec, stdout, stderr, count);
            }

            if (stoppedAt is { } stop)
            {
                LogContainerNotClean(logger, id, stop - 1, count - stop, stderr.ToString());
            }

            // A variant without a record never finished: the backstop or the output limit stopped
            // the run first, or the runner itself died.
            var missing = exec.DeadlinePassed ? ExitReason.Timeout : exec.OutputLimitReached ? ExitReason.OutputTruncated : ExitReason.Killed;
            var elapsed = clock.Elapsed;
            var results = Enumerable.Range(0, count)
                .Select(i => stdout.Records.TryGetValue(i, out var record)
                    ? VariantRecordReader.ToResult(record, run.Job, caps.KeptBytes, containerTime)
                    : new SandboxResult(missing, null, [], [], "", stderr.ToString(), new SandboxTimings(containerTime, elapsed)))
                .Select((result, i) => result with { SelectedTests = run.Variants[i].Tests })
                .ToList();
            return (results, stoppedAt);
        }
        finally
        {
            // A used container is never reused; removing it is not the caller's latency.
            containers.RemoveInBackground(id);
        }
    }

    /// <summary>
    /// What a job's container needs beyond the defaults: a large repository's files are in /work
    /// three times at most (the job, a variant's copy, the build caches' seed), and /work is
    /// memory, so its size and the memory limit grow with them. Null: the defaults do.
    /// </summary>
    private (JobResources? Resources, int? WorkDirMegabytes) Sized(Job job)
    {
        var settings = options.Value;
        var filesMegabytes = (int)Math.Ceiling(job.Files.Sum(f => (double)f.Content.LongLength) / (1024 * 1024));
        var workDir = (3 * filesMegabytes) + 256;
        if (workDir <= settings.WorkDirMegabytes)
        {
            return (job.Resources, null);
        }

        var memory = (job.Resources?.MemoryMegabytes ?? settings.MemoryMegabytes) + (2 * filesMegabytes);
        return ((job.Resources ?? new JobResources(null, null)) with { MemoryMegabytes = memory }, workDir);
    }

    /// <summary>
    /// The run ended before its last record and not at the backstop or the output limit: the
    /// container died under the variant that was running (which gets no record, and counts as
    /// killed). The variants after it run in a new container. A run that died before any record,
    /// with the runner's own complaint, is the sandbox's failure, not a candidate's.
    /// </summary>
    private static int? Died(ExecOutcome exec, VariantOutputReader stdout, CappedOutput stderr, int count)
    {
        if (exec.DeadlinePassed || exec.OutputLimitReached)
        {
            return null;
        }

        if (stdout.Records.Count == 0 && (count == 1 || stderr.ToString().Contains("wand: ", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"The sandbox ended without any result: {stderr}{stdout.Stray}");
        }

        var running = Enumerable.Range(0, count).FirstOrDefault(i => !stdout.Records.ContainsKey(i), count);
        return running + 1 < count ? running + 1 : null;
    }
}
