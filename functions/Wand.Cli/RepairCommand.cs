using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wand.Generation;
using Wand.Jobs;
using Wand.Plumbing;
using Wand.Repair;
using Wand.Sandbox;
using Wand.Storage;

namespace Wand.Cli;

/// <summary>
/// `wand repair FOLDER`: the whole pipeline on this machine. Starts the repair on the local
/// engine, shows progress, then writes the best candidate, its diff, the report and every
/// artifact to the output folder. Exit 0 when a candidate passes every test (or the code
/// already did), 1 when none does.
/// </summary>
public sealed class RepairCommand(IServiceProvider services, TextWriter stdout, TextWriter stderr)
{
    public static readonly string[] Flags = ["--json"];

    public static readonly string[] Valued = ["--language", "--out", "--rounds", "--per-round", "--max-candidates", "--max-tokens", "--max-minutes", "--max-search", "--generator"];

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public async Task<int> RunAsync(CommandLineArguments args, CancellationToken cancellationToken)
    {
        if (args.Positional.Count != 1)
        {
            throw new UsageException("'wand repair' needs exactly one job folder");
        }

        var folder = args.Positional[0];
        var job = JobFolder.Load(folder, args.Value("--language"));
        var (settings, notes) = Settings(services.GetRequiredService<IOptions<RepairSettings>>().Value, args);
        // The command line first, then the job's .wand.yml, then configuration; RepairJobs decides when none says.
        var asked = RepairGenerators.Parse(args.Value("--generator")) ?? RepairGenerators.Parse(job.Generator) ?? settings.Generator;
        settings = settings with { Generator = RepairGenerators.Choose(asked, services.GetRequiredService<IChatModel>().IsConfigured) };

        var outDir = Path.GetFullPath(args.Value("--out") ?? Path.Combine("wand-out", "<job id>"));
        if (File.Exists(outDir))
        {
            throw new UsageException($"--out '{args.Value("--out")}' is a file; it must be a folder (new or existing)");
        }

        var client = services.GetRequiredService<DurableTaskClient>();
        var jobId = await services.GetRequiredService<RepairJobs>().StartAsync(client, job, settings, cancellationToken, notes: notes);
        var progress = args.Has("--json") ? stderr : stdout;
        await progress.WriteLineAsync($"wand repair {folder} ({job.Language.Name}, {settings.Generator.ToString()!.ToLowerInvariant()} generator): job {jobId}");
        foreach (var note in notes)
        {
            // Told before the repair runs, not after it spent less than was asked; the reports say it again.
            await progress.WriteLineAsync($"  note: {note}");
        }

        var final = await FollowAsync(client, jobId, progress, cancellationToken);
        if (final.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            await stderr.WriteLineAsync($"wand: the repair {final.RuntimeStatus.ToString().ToLowerInvariant()}: {final.FailureDetails?.ErrorMessage ?? "no details"}");
            return ExitCodes.Environment;
        }

        var outcome = final.ReadOutputAs<RepairOutcome>() ?? throw new InvalidOperationException($"job {jobId} completed without an outcome");
        outDir = outDir.Replace("<job id>", jobId, StringComparison.Ordinal);
        string? notWritten = null;
        try
        {
            await WriteOutputAsync(outDir, job, outcome, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            notWritten = ex.Message;
        }

        // The outcome is shown whether or not the folder could be written.
        if (args.Has("--json"))
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(outcome, WandJson.Options));
        }
        else
        {
            await WriteSummaryAsync(outcome, notWritten is null ? outDir : null, cancellationToken);
        }

        if (notWritten is not null)
        {
            await stderr.WriteLineAsync($"wand: could not write the results to {outDir}: {notWritten}");
            return ExitCodes.Environment;
        }

        return outcome.Status is RepairStatus.Repaired or RepairStatus.AlreadyPassing ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>
    /// The configured settings with the command line's budget flags, each capped to the configured
    /// value (<see cref="BudgetRequest"/>: flags lower the budget, never raise it), and a note per
    /// flag that was capped.
    /// </summary>
    public static (RepairSettings Settings, IReadOnlyList<string> Notes) Settings(RepairSettings configured, CommandLineArguments args)
    {
        var asked = new BudgetRequest(
            Ask(args, "--rounds"), Ask(args, "--max-candidates"), Ask(args, "--max-tokens"),
            Ask(args, "--max-minutes"), Ask(args, "--max-search"), Ask(args, "--per-round"));
        var (settings, notes) = asked.ApplyTo(configured);
        return settings.Problem() is { } problem ? throw new UsageException(problem) : (settings, notes);
    }

    private static BudgetAsk? Ask(CommandLineArguments args, string option)
    {
        var text = args.Value(option);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? new BudgetAsk(option, value)
            : throw new UsageException($"{option} needs a positive whole number (got '{text}')");
    }

    private static async Task<OrchestrationMetadata> FollowAsync(DurableTaskClient client, string jobId, TextWriter progress, CancellationToken cancellationToken)
    {
        string? shown = null;
        while (true)
        {
            var state = await client.GetInstanceAsync(jobId, getInputsAndOutputs: true, cancellationToken)
                ?? throw new InvalidOperationException($"job {jobId} was not found on the engine");
            if (state.SerializedCustomStatus is not null && state.ReadCustomStatusAs<RepairProgress>() is { } p)
            {
                var line = p.Phase == "baseline"
                    ? "  running the tests as they are"
                    : $"  round {p.Round}: {p.Phase}; {p.CandidatesTried} candidates tried, best {p.BestPassed}/{p.TestCount} tests" + (p.LlmCalls == 0 ? "" : $", {p.LlmCalls} LLM calls, {p.Tokens:N0} tokens");
                if (line != shown)
                {
                    await progress.WriteLineAsync(line);
                    shown = line;
                }
            }

            if (state.IsCompleted)
            {
                return state;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>Writes the best candidate's files, its diff, the reports and every artifact of the job under <paramref name="outDir"/>.</summary>
    private async Task WriteOutputAsync(string outDir, Job job, RepairOutcome outcome, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<ArtifactStore>();
        var artifacts = services.GetRequiredService<RepairBlobs>();
        Directory.CreateDirectory(outDir);
        var prefix = JobBlobNames.Prefix(outcome.JobId);
        foreach (var name in await store.ListAsync(prefix, cancellationToken))
        {
            var target = Path.Combine(outDir, "artifacts", name[prefix.Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllTextAsync(target, await store.GetTextAsync(name, cancellationToken) ?? "", cancellationToken);
        }

        await File.WriteAllTextAsync(Path.Combine(outDir, "report.md"), await store.GetTextAsync(JobBlobNames.MarkdownReport(outcome.JobId), cancellationToken) ?? "", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(outDir, "report.json"), await store.GetTextAsync(JobBlobNames.Report(outcome.JobId), cancellationToken) ?? "", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(outDir, "report.html"), await store.GetTextAsync(JobBlobNames.HtmlReport(outcome.JobId), cancellationToken) ?? "", cancellationToken);
        if (outcome.Best is { } best)
        {
            await File.WriteAllTextAsync(Path.Combine(outDir, "best.diff"), await store.GetTextAsync(JobBlobNames.CandidateDiff(outcome.JobId, best.Key), cancellationToken) ?? "", cancellationToken);
            var editable = EditableFiles.Of(job);
            foreach (var file in await artifacts.FilesAsync(outcome.JobId, best.Key, cancellationToken))
            {
                if (editable.Contains(file.Path))
                {
                    var target = Path.Combine(outDir, "best", file.Path);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    await File.WriteAllBytesAsync(target, file.Content, cancellationToken);
                }
            }
        }
    }

    /// <summary>One line per round: candidates run, how many compiled, the best pass count, how many passed everything.</summary>
    private async Task WriteRoundsAsync(RepairOutcome outcome, CancellationToken cancellationToken)
    {
        var report = await services.GetRequiredService<ArtifactStore>().GetJsonAsync<RepairReport>(JobBlobNames.Report(outcome.JobId), cancellationToken);
        var rounds = report?.Candidates.Where(c => c.Round > 0).GroupBy(c => c.Round).OrderBy(g => g.Key).ToList() ?? [];
        if (rounds.Count == 0)
        {
            return;
        }

        await stdout.WriteLineAsync("  round  run  compiled  best tests  all pass  time");
        foreach (var round in rounds)
        {
            var best = round.Ranked().First();
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {round.Key,5}  {round.Count(),3}  {round.Count(c => c.Reason != ExitReason.CompileError),8}  {$"{best.Passed}/{best.TestCount}",10}  {round.Count(c => c.AllPassed),8}  {round.Sum(c => c.DurationMs) / 1000.0,4:F1} s"));
        }
    }

    private async Task WriteSummaryAsync(RepairOutcome outcome, string? outDir, CancellationToken cancellationToken)
    {
        var s = outcome.Spending;
        await stdout.WriteLineAsync($"{RepairReportMarkdown.Headline(outcome.Status)}: {outcome.StopReason}");
        await stdout.WriteLineAsync($"  original code: {outcome.Baseline.Passed} of {outcome.Baseline.TestCount} tests pass");
        if (outcome.Best is { } best)
        {
            await stdout.WriteLineAsync($"  best candidate {best.ShortKey} (round {best.Round}): {best.Passed} of {best.TestCount} tests pass, {best.ChangedLines} lines changed");
            var diff = await services.GetRequiredService<ArtifactStore>().GetTextAsync(JobBlobNames.CandidateDiff(outcome.JobId, best.Key), cancellationToken) ?? "";
            foreach (var line in diff.TrimEnd('\n').Split('\n'))
            {
                await stdout.WriteLineAsync($"    {line}");
            }
        }

        foreach (var caught in outcome.Suspicious ?? [])
        {
            await stdout.WriteLineAsync($"  suspicious: {caught.Suspected}");
        }

        foreach (var test in outcome.FlakyTests)
        {
            await stdout.WriteLineAsync($"  flaky: {test}");
        }

        await WriteRoundsAsync(outcome, cancellationToken);
        await stdout.WriteLineAsync($"  spent {s.Describe()}; {outcome.Duplicates} duplicates not run again, {outcome.Unusable} replies without code");
        if (outcome.LlmCallsSaved > 0)
        {
            await stdout.WriteLineAsync($"  the search finished the repair, saving about {outcome.LlmCallsSaved} LLM calls");
        }
        if (outDir is not null)
        {
            await stdout.WriteLineAsync($"  written to {outDir} (report.html, report.md, report.json{(outcome.Best is null ? "" : ", best.diff, best/")}, artifacts/)");
            await stdout.WriteLineAsync($"  open the report: {Path.Combine(outDir, "report.html")}");
        }
    }
}
