using Wand.Benchmarks.Load;
using Wand.Benchmarks.Repair;
using Wand.Benchmarks.Sandbox;

// `dotnet run -c Release --project tests/Wand.Benchmarks [-- [sandbox|pipeline|batch [--against-images PREFIX]|diff|corpus [NAME-PREFIX] [--against WAND-DLL]|selection [FOLDER...]|load [--jobs N] [--faults all|both|azurite|docker|serve|none]|long-activity [--minutes N]] [--iterations N]]`
// Every figure is printed beside a baseline measured in the same run, as a ratio.
var iterations = args.SkipWhile(a => a != "--iterations").Skip(1).Select(int.Parse).DefaultIfEmpty(20).First();
var only = args.FirstOrDefault(a => a is "sandbox" or "pipeline" or "batch" or "diff" or "corpus" or "selection" or "load" or "long-activity");
if (only is null or "diff")
{
    // No Docker: LineDiff's memory on large files, before and after DiffPlex.
    Console.WriteLine(LineDiffBenchmark.Run());
}

if (only == "load")
{
    // Not part of the default run: hundreds of jobs, and it restarts Azurite and the Docker daemon.
    var jobs = args.SkipWhile(a => a != "--jobs").Skip(1).Select(int.Parse).DefaultIfEmpty(200).First();
    var faults = args.SkipWhile(a => a != "--faults").Skip(1).DefaultIfEmpty("all").First();
    Console.WriteLine(await LoadBenchmark.RunAsync(jobs, faults is "all" or "both" or "azurite", faults is "all" or "both" or "docker", faults is "all" or "serve", CancellationToken.None));
    return;
}

if (only == "long-activity")
{
    // Not part of the default run: it takes as long as a job may run (30 minutes unless told).
    var minutes = args.SkipWhile(a => a != "--minutes").Skip(1).Select(int.Parse).DefaultIfEmpty(30).First();
    Console.WriteLine(await LongActivityBenchmark.RunAsync(TimeSpan.FromMinutes(minutes), CancellationToken.None));
    return;
}

if (only == "corpus")
{
    // Not part of the default run: it repairs every program of samples/bugs (minutes).
    var prefix = args.SkipWhile(a => a != "corpus").Skip(1).Take(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
    var against = args.SkipWhile(a => a != "--against").Skip(1).FirstOrDefault();
    Console.WriteLine(await CorpusRepairBenchmark.RunAsync(prefix, against, CancellationToken.None));
    return;
}

if (only == "selection")
{
    // Not part of the default run: two repairs of each folder (samples/repos/py-inventory unless named).
    var folders = args.SkipWhile(a => a != "selection").Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
    Console.WriteLine(await TestSelectionBenchmark.RunAsync(folders, CancellationToken.None));
    return;
}

if (only is null or "sandbox")
{
    foreach (var sample in new[] { "python", "go" })
    {
        Console.WriteLine(await SandboxRunBenchmark.RunAsync(sample, iterations, CancellationToken.None));
    }
}

if (only is null or "pipeline")
{
    Console.WriteLine(await OrchestrationOverheadBenchmark.RunAsync(iterations, CancellationToken.None));
}

if (only is null or "batch")
{
    // With --against-images, each sample's batches on an earlier build's images (their sandbox-images/
    // built under that prefix) against this build's, in the same run; otherwise batched against one container each.
    var againstImages = args.SkipWhile(a => a != "--against-images").Skip(1).FirstOrDefault();
    foreach (var sample in BatchRunBenchmark.Samples)
    {
        Console.WriteLine(againstImages is null
            ? await BatchRunBenchmark.RunAsync(sample, candidates: 40, rounds: 3, CancellationToken.None)
            : await BatchRunBenchmark.CompareAsync(sample, againstImages, candidates: 20, rounds: 3, CancellationToken.None));
    }
}
