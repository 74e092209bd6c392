using Wand.Cli;

using var stop = new StopSignals();
return await WandCommand.RunAsync(args, Console.Out, Console.Error, stop.Token);
