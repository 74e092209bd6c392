using System.Diagnostics;
using System.Globalization;

namespace Wand.Sandbox;

/// <summary>
/// The batched run: one container takes the job once and runs every variant in its own copy,
/// with its own watchdog, several at once (as many as the container has CPUs); each variant's
/// result comes back as soon as it ends (see <see cref="BatchRunScript"/>). A container per
/// candidate costs hundreds of milliseconds; a variant in a warm container costs its test run.
/// </summary>
public sealed partial class SandboxRunner
{
    // Each variant keeps a few KB of each output stream and a share of the reports, so a batch's
    // whole answer stays bounded however many variants it holds.
    private const int VariantOutputBytes = 8 * 1024;
    private const int BatchReportBytes = 32_000_000;
    private const int MinVariantReportBytes = 32 * 1024;
    private const int MaxVariantReportBytes = 4_000_000;

    // Copying a variant, forking, and sending its record take milliseconds; this bounds them generously.
    private static readonly TimeSpan PerVariantAllowance = TimeSpan.FromMilliseconds(250);

    public async Task<IReadOnlyList<SandboxResult>> RunBatchAsync(SandboxBatch batch, CancellationToken cancellationToken)
    {
        SandboxBatchValidation.Validate(batch, JobFolderLimits.Default);
        if (batch.Variants.Count == 0)
        {
            return [];
        }

        await SweepOnceAsync();

        // A container runs as many variants at once as it has CPUs; when the host may run more
        // containers at once than that, the batch is split over several (each with the limits
        // of one sandbox, memory included), in order.
        var settings = options.Value;
        var perContainer = Math.Max(1, (int)Math.Ceiling(settings.Cpus));
        var parts = Math.Clamp(settings.MaxConcurrentRuns / perContainer, 1, batch.Variants.Count);
        var size = (int)Math.Ceiling((double)batch.Variants.Count / parts);
        var results = await Task.WhenAll(batch.Variants.Chunk(size).Select(async part =>
        {
            await docker.RunSlots.WaitAsync(cancellationToken);
            try
            {
                return await RunBatchInContainerAsync(batch with { Variants = part }, cancellationToken);
            }
            finally
            {
                docker.RunSlots.Release();
            }
        }));
        return [.. results.SelectMany(r => r)];
    }

    private async Task<IReadOnlyList<SandboxResult>> RunBatchInContainerAsync(SandboxBatch batch, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var count = batch.Variants.Count;
        var parallelism = Math.Clamp((int)Math.Ceiling(settings.Cpus), 1, count);
        var reportBytes = Math.Clamp(BatchReportBytes / count, MinVariantReportBytes, MaxVariantReportBytes);
        // Each variant's watchdog holds its limit; killing the container is only the backstop.
        var backstop = batch.VariantTimeout * Math.Ceiling((double)count / parallelism) + BackstopAllowance + PerVariantAllowance * count;
        var image = new SandboxImageCatalog(settings.ImagePrefix).ImageName(batch.Job.Language.Image);
        var clock = Stopwatch.StartNew();
        var id = await pool.TakeAsync(image, backstop + TimeSpan.FromMinutes(5), cancellationToken);
        var containerTime = clock.Elapsed;
        try
        {
            clock.Restart();
            var boundary = $"wand-variant-{Guid.NewGuid():N}";
            var stdout = new BatchOutputReader(boundary, count, reportBytes + (2 * (VariantOutputBytes + 1)));
            var stderr = new CappedOutput(KeptOutputBytes);
            string[] command =
            [
                "sh", "-c", BatchRunScript.Main, "wand", boundary, batch.Job.TestCommand,
                batch.VariantTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
                Number(parallelism), Number(count), Number(VariantOutputBytes), Number(reportBytes), BatchRunScript.Variant,
            ];
            var exec = await new ContainerExec(docker.Client).RunAsync(
                id, command, JobTar.Of(batch), backstop, settings.OutputLimitBytes, stdout, stderr, cancellationToken);
            if (!stdout.Ended)
            {
                await containers.KillAsync(id);
                if (!exec.DeadlinePassed && !exec.OutputLimitReached && stdout.Records.Count == 0)
                {
                    throw new InvalidOperationException($"The sandbox batch ended without any result: {stderr}{stdout.Stray}");
                }
            }

            // A variant without a record never finished: the backstop or the output limit stopped
            // the batch first, or its own shell died.
            var missing = exec.DeadlinePassed ? ExitReason.Timeout : exec.OutputLimitReached ? ExitReason.OutputTruncated : ExitReason.Killed;
            var elapsed = clock.Elapsed;
            return Enumerable.Range(0, count)
                .Select(i => stdout.Records.TryGetValue(i, out var record)
                    ? BatchRecordReader.ToResult(record, batch.Job.Language, VariantOutputBytes, containerTime)
                    : new SandboxResult(missing, null, [], [], "", stderr.ToString(), new SandboxTimings(containerTime, elapsed)))
                .ToList();
        }
        finally
        {
            containers.RemoveInBackground(id);
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
