// Placeholder entry point; benchmarks are added with the features they measure.
Console.WriteLine("no benchmarks yet");
