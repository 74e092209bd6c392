using Wand.Benchmarks;
using Wand.Benchmarks.Sandbox;

// `dotnet run -c Release --project tests/Wand.Benchmarks [-- --iterations N]`
// Every figure is printed beside a baseline measured in the same run, as a ratio.
var iterations = args.Length == 2 && args[0] == "--iterations" && int.TryParse(args[1], out var n) ? n : 20;
var table = await SandboxRunBenchmark.RunAsync(iterations, CancellationToken.None);
Console.WriteLine(table.Render());
