using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Wand.Storage;

namespace Wand.Benchmarks.Repair;

/// <summary>
/// `wand repair --generator search` of each folder twice in one run: candidates on their chosen
/// tests first (the default), and every candidate on the whole suite
/// (<c>Wand:Repair:SelectTests=false</c>, the baseline). Prints the test runs and the wall time
/// of each, and their ratios. With no folder named, samples/repos/py-inventory.
/// </summary>
public static class TestSelectionBenchmark
{
    private sealed record Run(string Status, TimeSpan Time, long TestsRun, int Candidates);

    public static async Task<string> RunAsync(IReadOnlyList<string> folders, CancellationToken cancellationToken)
    {
        var wand = CorpusRepairBenchmark.WandDll();
        var azuritePath = AzuriteLocator.Find(null) ?? throw new InvalidOperationException("Azurite was not found: run eng/setup.sh");
        await using var azurite = await AzuriteProcess.StartAsync(azuritePath, cancellationToken: cancellationToken);
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder("Tests chosen per candidate (wand repair --generator search), against every candidate on the whole suite\n\n");
        text.AppendLine("| folder | whole suites: test runs, time | chosen first: test runs, time | test runs saved | time |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var folder in folders.Count > 0 ? folders : [Path.Combine(RepositoryRoot.Path, "samples", "repos", "py-inventory")])
        {
            var whole = await RepairAsync(wand, azurite.ConnectionString, folder, select: false, cancellationToken);
            var chosen = await RepairAsync(wand, azurite.ConnectionString, folder, select: true, cancellationToken);
            text.AppendLine(inv, $"| {folder} | {whole.TestsRun:N0}, {whole.Time.TotalSeconds:F1} s ({whole.Status}, {whole.Candidates} candidates) | "
                + $"{chosen.TestsRun:N0}, {chosen.Time.TotalSeconds:F1} s ({chosen.Status}, {chosen.Candidates} candidates) | "
                + $"{1 - ((double)chosen.TestsRun / Math.Max(1, whole.TestsRun)):P0} | {whole.Time / chosen.Time:F2}x |");
        }

        return text.ToString();
    }

    private static async Task<Run> RepairAsync(string wand, string storage, string folder, bool select, CancellationToken cancellationToken)
    {
        var output = Directory.CreateTempSubdirectory("wand-selection-");
        try
        {
            var clock = Stopwatch.StartNew();
            var (exit, stdout, stderr) = await CorpusRepairBenchmark.RunWandAsync(wand, storage,
                new Dictionary<string, string> { ["Wand__Repair__SelectTests"] = select ? "true" : "false" }, cancellationToken,
                "repair", folder, "--generator", "search", "--json", "--out", output.FullName);
            var time = clock.Elapsed;
            if (exit is not (0 or 1))
            {
                throw new InvalidOperationException($"{folder}: wand exited {exit}: {stderr.Trim()}");
            }

            var outcome = JsonNode.Parse(stdout)!;
            var spending = outcome["spending"]!;
            var tests = spending["tests"]?["testsRun"]?.GetValue<long>() ?? 0;
            Console.Error.WriteLine($"{folder} (selection {(select ? "on" : "off")}): {outcome["status"]} in {time.TotalSeconds:F1} s, {tests:N0} test runs");
            return new Run(outcome["status"]!.GetValue<string>(), time, tests, spending["searchRuns"]!.GetValue<int>());
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
