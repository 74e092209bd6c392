using Wand.Benchmarks.Sandbox;

// `dotnet run -c Release --project tests/Wand.Benchmarks [-- --iterations N]`
// Every figure is printed beside a baseline measured in the same run, as a ratio.
var iterations = args.Length == 2 && args[0] == "--iterations" && int.TryParse(args[1], out var n) ? n : 20;
foreach (var sample in new[] { "python", "go" })
{
    Console.WriteLine(await SandboxRunBenchmark.RunAsync(sample, iterations, CancellationToken.None));
}
