using Wand.Cli;

return await WandCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
