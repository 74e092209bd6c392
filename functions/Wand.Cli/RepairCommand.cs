using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wand.Generation;
using Wand.Jobs;
using Wand.Plumbing;
using Wand.Repair;

namespace Wand.Cli;

/// <summary>
/// `wand repair FOLDER`: the whole pipeline on this machine. Starts the repair on the local
/// engine, shows progress, then writes the best candidate, its diff, the report and every
/// artifact to the output folder. Exit 0 when a candidate passes every test (or the code
/// already did), 1 when none does.
/// </summary>
public sealed class RepairCommand(IServiceProvider services, TextWriter stdout, TextWriter stderr)
{
    public async Task<int> RunAsync(RepairArguments args, CancellationToken cancellationToken)
    {
        var folder = args.Folder;
        var job = JobFolder.Load(folder, args.Language, services.GetRequiredService<JobFolderLimits>());
        var (settings, notes) = Settings(services.GetRequiredService<IOptions<RepairSettings>>().Value, args.Budget);
        // The command line first, then the job's .wand.yml, then configuration; RepairJobs decides when none says.
        var asked = RepairGenerators.Parse(args.Generator) ?? RepairGenerators.Parse(job.Generator) ?? settings.Generator;
        settings = settings with { Generator = RepairGenerators.Choose(asked, services.GetRequiredService<IChatModel>().IsConfigured) };

        var outDir = Path.GetFullPath(args.Out ?? Path.Combine("wand-out", "<job id>"));
        if (File.Exists(outDir))
        {
            throw new UsageException($"--out '{args.Out}' is a file; it must be a folder (new or existing)");
        }

        var client = services.GetRequiredService<DurableTaskClient>();
        var jobId = await services.GetRequiredService<RepairJobs>().StartAsync(client, job, settings, cancellationToken, notes: notes);
        var progress = args.Json ? stderr : stdout;
        await progress.WriteLineAsync($"wand repair {folder} ({job.Language.Name}, {settings.Generator.ToString()!.ToLowerInvariant()} generator): job {jobId}");
        foreach (var note in notes)
        {
            // Told before the repair runs, not after it spent less than was asked; the reports say it again.
            await progress.WriteLineAsync($"  note: {note}");
        }

        using var making = new EnvironmentProgress(services, progress, "  ");
        var final = await services.GetRequiredService<RepairJobs>().FollowAsync(client, jobId, line => progress.WriteLineAsync($"  {line}"), cancellationToken);
        if (final.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            await stderr.WriteLineAsync($"wand: the repair {final.RuntimeStatus.ToString().ToLowerInvariant()}: {InstanceFailure.Of(final) ?? "no details"}");
            return ExitCodes.Environment;
        }

        var outcome = final.ReadOutputAs<RepairOutcome>() ?? throw new InvalidOperationException($"job {jobId} completed without an outcome");
        return await FinishAsync(args, job, outcome, outDir.Replace("<job id>", jobId, StringComparison.Ordinal), cancellationToken);
    }

    /// <summary>Writes the folder and shows the outcome (whether or not the folder could be written).</summary>
    private async Task<int> FinishAsync(RepairArguments args, Job job, RepairOutcome outcome, string outDir, CancellationToken cancellationToken)
    {
        var export = services.GetRequiredService<RepairExport>();
        string? notWritten = null;
        try
        {
            await export.WriteAsync(outDir, job, outcome, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            notWritten = ex.Message;
        }

        if (args.Json)
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(outcome, WandJson.Options));
        }
        else
        {
            var (candidates, diff) = await export.SummaryInputsAsync(outcome, cancellationToken);
            await stdout.WriteAsync(RepairReportText.Render(outcome, candidates, diff, notWritten is null ? outDir : null));
        }

        if (notWritten is not null)
        {
            await stderr.WriteLineAsync($"wand: could not write the results to {outDir}: {notWritten}");
            return ExitCodes.Environment;
        }

        return outcome.Status is RepairStatus.Repaired or RepairStatus.AlreadyPassing ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>
    /// The configured settings with the budget flags, each capped to the configured value
    /// (<see cref="BudgetRequest"/>: flags lower the budget, never raise it), and a note per flag that was capped.
    /// </summary>
    public static (RepairSettings Settings, IReadOnlyList<string> Notes) Settings(RepairSettings configured, BudgetRequest asked)
    {
        var (settings, notes) = asked.ApplyTo(configured);
        return settings.Problem() is { } problem ? throw new UsageException(problem) : (settings, notes);
    }
}
