using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wand.Behaviour;
using Wand.Jobs;
using Wand.Sandbox;
using Wand.Storage;

namespace Wand.Benchmarks.Repair;

/// <summary>
/// `wand repair --generator search` over every program of samples/bugs, as a user would run it
/// (a process each, no LLM configured), against one Azurite for all. Prints a table: repaired or
/// not, time, candidates run, whether the fix is the manifest's own; then per language and overall.
/// A repair counts only when the winner passed every test twice (the pipeline's confirming run).
/// With <c>--against DLL</c>, another build of `wand` (an earlier commit's, built apart) repairs
/// every program too, in the same run, with sandbox images of its own, and both are tabled.
/// Behaviour evidence (issue 16): each repair's confidence label, whether the behaviour groups
/// chose another fix than the search's first, and whether the fix offered is the manifest's own
/// or, where a probe runs, does what the manifest's fix does on the inputs amplified from the tests.
/// </summary>
public static class CorpusRepairBenchmark
{
    private sealed record Row(CorpusBug Bug, string Status, TimeSpan Time, int SearchRuns, bool SameAsManifest, string? Confidence = null, bool ChosenByGroups = false, bool? BehavesAlike = null)
    {
        /// <summary>The same program repaired by the build the run compares against.</summary>
        public Row? Before { get; init; }
    }

    /// <summary>The sandbox image prefix of the build compared against (its images may differ from this build's).</summary>
    private const string AgainstImages = "wand-against-";

    public static async Task<string> RunAsync(string? only, string? against, CancellationToken cancellationToken)
    {
        var wand = WandDll();
        var azuritePath = AzuriteLocator.Find(null) ?? throw new InvalidOperationException("Azurite was not found: run eng/setup.sh");
        await using var azurite = await AzuriteProcess.StartAsync(azuritePath, cancellationToken: cancellationToken);
        await using var services = new ServiceCollection().AddLogging().AddWandCore(new ConfigurationBuilder().AddEnvironmentVariables().Build()).BuildServiceProvider();
        var examination = new BehaviourExamination(new BehaviourProbe(services.GetRequiredService<ISandbox>()));
        var againstSettings = new Dictionary<string, string> { ["Wand__Sandbox__ImagePrefix"] = AgainstImages };
        if (against is not null)
        {
            var (exit, _, stderr) = await RunWandAsync(against, azurite.ConnectionString, againstSettings, cancellationToken, "images", "build");
            _ = exit == 0 ? 0 : throw new InvalidOperationException($"{against} could not build its images: {stderr.Trim()}");
        }

        var rows = new List<Row>();
        foreach (var bug in BugCorpus.All.Where(b => only is null || b.Name.StartsWith(only, StringComparison.Ordinal)))
        {
            var row = await RepairAsync(wand, null, bug, azurite.ConnectionString, examination, cancellationToken);
            rows.Add(against is null ? row : row with { Before = await RepairAsync(against, againstSettings, bug, azurite.ConnectionString, examination, cancellationToken) });
        }

        return Render(rows);
    }

    /// <summary>One program repaired by one build of `wand`, as a process.</summary>
    private static async Task<Row> RepairAsync(string wand, IReadOnlyDictionary<string, string>? settings, CorpusBug bug, string storage, BehaviourExamination examination, CancellationToken cancellationToken)
    {
        var output = Directory.CreateTempSubdirectory("wand-corpus-");
        try
        {
            var clock = Stopwatch.StartNew();
            var (exit, stdout, stderr) = await RunWandAsync(wand, storage, settings, cancellationToken,
                "repair", bug.Folder, "--generator", "search", "--json", "--out", output.FullName);
            var time = clock.Elapsed;
            if (exit is not (0 or 1))
            {
                Console.Error.WriteLine($"{bug.Name}: {wand} exited {exit}: {stderr.Trim()}");
                return new Row(bug, $"error {exit}", time, 0, false);
            }

            var outcome = JsonNode.Parse(stdout)!;
            var status = outcome["status"]!.GetValue<string>();
            var fixedFile = Path.Combine(output.FullName, "best", bug.File);
            var offered = status == "repaired" && File.Exists(fixedFile) ? await File.ReadAllTextAsync(fixedFile, cancellationToken) : null;
            var same = offered is not null && offered.Split('\n')[bug.Line - 1].TrimEnd() == bug.Fix.TrimEnd();
            var alike = offered is null || same ? (bool?)null : await BehavesLikeTheManifestsFixAsync(examination, bug, offered, cancellationToken);
            Console.Error.WriteLine($"{bug.Name}: {status} in {time.TotalSeconds:F1} s ({wand})");
            return new Row(bug, status, time, outcome["spending"]!["searchRuns"]!.GetValue<int>(), same,
                outcome["confidence"]?.GetValue<string>(), outcome["stopReason"]!.GetValue<string>().EndsWith("it does what most passing candidates do", StringComparison.Ordinal), alike);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Whether the offered fix does what the manifest's fix does on every input the probe amplifies
    /// from the program's tests; null where no probe runs (the language has none).
    /// </summary>
    private static async Task<bool?> BehavesLikeTheManifestsFixAsync(BehaviourExamination examination, CorpusBug bug, string offered, CancellationToken cancellationToken)
    {
        var job = JobFolder.Load(bug.Folder);
        if (!BehaviourProbe.Supports(job))
        {
            return null;
        }

        var manifests = bug.WithFix(await File.ReadAllTextAsync(Path.Combine(bug.Folder, bug.File), cancellationToken));
        ExaminedCandidate Candidate(string key, string text) => new(key, new SandboxVariant([new JobFile(bug.File, Encoding.UTF8.GetBytes(text))]));
        var examined = await examination.ExamineAsync(job, [Candidate("offered", offered), Candidate("manifest", manifests)], cancellationToken);
        return examined.Evidence.Compared == 2 ? examined.Evidence.Groups.Count == 1 : null;
    }

    /// <summary>The Release build of `wand`, which these benchmarks run as a user would.</summary>
    internal static string WandDll()
    {
        var wand = Path.Combine(RepositoryRoot.Path, "functions", "Wand.Cli", "bin", "Release", "net10.0", "wand.dll");
        return File.Exists(wand) ? wand : throw new InvalidOperationException($"{wand} is missing: build the solution in Release first");
    }

    private static string Render(List<Row> rows)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("Offline repair of samples/bugs (wand repair --generator search)").AppendLine();
        var compared = rows.Any(r => r.Before is not null);
        text.AppendLine(inv, $"| program | language | defect class | repaired | time | candidates run | how sure | the manifest's fix |{(compared ? " before: repaired | before: time | before: candidates run |" : "")}");
        text.AppendLine(inv, $"|---|---|---|---|---|---|---|---|{(compared ? "---|---|---|" : "")}");
        foreach (var r in rows)
        {
            var manifests = r.Status != "repaired" ? "" : r.SameAsManifest ? "same" : r.BehavesAlike switch { true => "another fix, behaves alike", false => "another fix, behaves differently", null => "another fix" };
            var sure = r.Confidence is null ? "" : r.ChosenByGroups ? $"{r.Confidence} (chosen by the groups)" : r.Confidence;
            var before = r.Before is { } b ? string.Create(inv, $" {Repaired(b)} | {b.Time.TotalSeconds:F1} s | {b.SearchRuns} |") : "";
            text.AppendLine(inv, $"| {r.Bug.Name}{(r.Bug.WrongFix is null ? "" : " (weak tests)")} | {r.Bug.Language} | {r.Bug.Class} | {Repaired(r)} | {r.Time.TotalSeconds:F1} s | {r.SearchRuns} | {sure} | {manifests} |{before}");
        }

        text.AppendLine().AppendLine("| language | repaired | likely-correct | plausible | the manifest's fix or alike | median time | candidates run | candidates per second of wall time |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var group in rows.GroupBy(r => r.Bug.Language).Append(rows.GroupBy(_ => "overall").Single()))
        {
            var rowsOf = group.ToList();
            int Labelled(string label) => rowsOf.Count(r => r.Confidence == label);
            var right = rowsOf.Count(r => r.SameAsManifest || r.BehavesAlike == true);
            text.AppendLine(inv, $"| {group.Key} | {Totals(rowsOf, Labelled("likely-correct"), Labelled("plausible"), right)} |");
            if (compared)
            {
                var before = rowsOf.Select(r => r.Before!).ToList();
                text.AppendLine(inv, $"| {group.Key}, before | {Totals(before, before.Count(r => r.Confidence == "likely-correct"), before.Count(r => r.Confidence == "plausible"), before.Count(r => r.SameAsManifest || r.BehavesAlike == true))} |");
            }
        }

        return text.ToString();
    }

    private static string Repaired(Row r) => r.Status == "repaired" ? "yes" : $"no ({r.Status})";

    /// <summary>A language's columns: repaired, the labels, right fixes, median time, candidates run and per second of wall time.</summary>
    private static string Totals(List<Row> rows, int likelyCorrect, int plausible, int right)
    {
        var repaired = rows.Count(r => r.Status == "repaired");
        var times = rows.Select(r => r.Time.TotalSeconds).Order().ToList();
        var runs = rows.Sum(r => r.SearchRuns);
        return string.Create(CultureInfo.InvariantCulture,
            $"{repaired}/{rows.Count} ({100.0 * repaired / rows.Count:F0}%) | {likelyCorrect} | {plausible} | {right} | {times[times.Count / 2]:F1} s | {runs} | {runs / times.Sum():F1}");
    }

    /// <summary>`wand` as a process, with no LLM configured, on the given storage (and settings, as environment variables).</summary>
    internal static async Task<(int Exit, string Stdout, string Stderr)> RunWandAsync(
        string wand, string storage, IReadOnlyDictionary<string, string>? settings, CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(wand);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // As a user with no LLM: nothing inherited may configure one.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("OPENAI_", StringComparison.Ordinal) || k.StartsWith("AZURE_OPENAI_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["Wand__Storage__ConnectionString"] = storage;
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }
}
