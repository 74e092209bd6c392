using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wand.Jobs;
using Wand.Sandbox;
using Wand.Storage;

namespace Wand.Cli;

/// <summary>
/// The `wand` command: picks the subcommand, builds the same services the Functions app
/// uses, and turns every failure into one readable line and an exit code (never a stack trace).
/// </summary>
public static class WandCommand
{
    public const string Usage = """
        usage: wand <command> [options]

        commands:
          doctor [--json]                          check Docker, sandbox images, storage and LLM settings
          run <folder> [--language L] [--json]     run a job folder's tests in a sandbox, as it is
          repair <folder> [options]                repair a job folder: candidates generated, run and ranked
            --generator G                            search (offline edits), llm or hybrid; default: llm when an
                                                     endpoint is configured, search otherwise (or .wand.yml's)
            --out DIR                                where the best candidate and report go (wand-out/<job id>)
            --json                                   the outcome as JSON on stdout (progress on stderr)
            --language L                             the job's language, when detection is not enough
            --rounds N  --per-round K  --max-candidates N  --max-tokens N  --max-minutes N  --max-search N
                                                     the budget (defaults: 4 rounds, 4 per round, 32, 200000, 15,
                                                     400 search candidates)

          serve [--urls URLS] [--api-key KEY]      the repair API (POST/GET/DELETE /api/repairs) on 127.0.0.1:7071,
                                                     batches from the queue wand-batches and /api/batches,
                                                     the key also from WAND_API_KEY; runs until Ctrl+C or SIGTERM

        exit codes: 0 success, 1 checks or tests failed, 2 bad input, 3 environment problem (e.g. no Docker),
                    130 stopped by Ctrl+C or SIGTERM (its sandboxes are removed first)
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await stdout.WriteLineAsync(Usage);
            return args.Length == 0 ? ExitCodes.BadInput : ExitCodes.Success;
        }

        try
        {
            var exit = await DispatchAsync(args[0], args[1..], stdout, stderr, cancellationToken);
            return cancellationToken.IsCancellationRequested ? await InterruptedAsync(stderr) : exit;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Whatever the stop interrupted ends as a stop, not as that work's failure.
            return await InterruptedAsync(stderr);
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync($"wand: {ex.Message}\n\n{Usage}");
            return ExitCodes.BadInput;
        }
        catch (InvalidJobException ex)
        {
            await stderr.WriteLineAsync($"wand: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (OptionsValidationException ex)
        {
            await stderr.WriteLineAsync($"wand: configuration is invalid:\n  {string.Join("\n  ", ex.Failures)}");
            return ExitCodes.BadInput;
        }
        catch (Azure.RequestFailedException ex)
        {
            await stderr.WriteLineAsync($"wand: storage answered {ex.Status} ({ex.ErrorCode}): {ex.Message.Split('\n')[0]}. Run `wand doctor` for details.");
            return ExitCodes.Environment;
        }
        catch (Exception ex) when (IsDockerUnreachable(ex))
        {
            await stderr.WriteLineAsync($"wand: cannot reach Docker: {DockerErrors.Describe(ex)}. Run `wand doctor` for details.");
            return ExitCodes.Environment;
        }
    }

    private static async Task<int> DispatchAsync(string command, string[] rest, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) => command switch
    {
        "doctor" => await RunWithServicesAsync([], s => new DoctorCommand(s, stdout).RunAsync(
            CommandLineArguments.Parse(rest, "doctor", ["--json"], []), cancellationToken), cancellationToken),
        "run" => await RunWithServicesAsync(OneShotDefaults, s => new RunCommand(s, stdout).RunAsync(
            CommandLineArguments.Parse(rest, "run", ["--json"], ["--language"]), cancellationToken), cancellationToken),
        "serve" => await ServeAsync(CommandLineArguments.Parse(rest, "serve", [], ["--urls", "--api-key"]), stdout, cancellationToken),
        "repair" => await RepairAsync(CommandLineArguments.Parse(rest, "repair", RepairCommand.Flags, RepairCommand.Valued), stdout, stderr, cancellationToken),
        _ => throw new UsageException($"unknown command '{command}'"),
    };

    private static async Task<int> InterruptedAsync(TextWriter stderr)
    {
        await stderr.WriteLineAsync("wand: stopped (Ctrl+C or SIGTERM): the work was cancelled and its sandboxes removed");
        return ExitCodes.Interrupted;
    }

    // A single run has no next run to keep a warm container for (settings can still ask for one).
    private static readonly Dictionary<string, string?> OneShotDefaults = new() { ["Wand:Sandbox:WarmContainersPerImage"] = "0" };

    private static async Task<int> RunWithServicesAsync(Dictionary<string, string?> defaults, Func<IServiceProvider, Task<int>> command, CancellationToken cancellationToken)
    {
        var builder = CreateBuilder(defaults, cancellationToken);
        // The host disposes asynchronously: the warm pool removes its containers on the way out.
        var host = builder.Build();
        await using var disposal = (IAsyncDisposable)host;
        host.Services.GetRequiredService<IStartupValidator>().Validate();
        await using var sandboxes = new SandboxesOnStop(host.Services, cancellationToken);
        return await Stopping.UntilStoppedAsync(command(host.Services), cancellationToken);
    }

    /// <summary>
    /// `wand repair`: the local engine and storage around <see cref="RepairCommand"/>. With no
    /// storage configured, an Azurite of its own for this run (artifacts are copied to --out).
    /// </summary>
    private static async Task<int> RepairAsync(CommandLineArguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var builder = CreateBuilder([], cancellationToken);
        AzuriteProcess? azurite;
        try
        {
            azurite = await LocalStorage.StartUnlessConfiguredAsync(builder.Configuration, cancellationToken);
        }
        catch (AzuriteNotFoundException ex)
        {
            await stderr.WriteLineAsync($"wand: {ex.Message}");
            return ExitCodes.Environment;
        }

        await using var azuriteDisposal = azurite;
        builder.Services.AddLocalDurableEngine();
        var host = builder.Build();
        await using var disposal = (IAsyncDisposable)host;
        host.Services.GetRequiredService<IStartupValidator>().Validate();
        await using var sandboxes = new SandboxesOnStop(host.Services, cancellationToken);
        await host.StartAsync(cancellationToken);
        try
        {
            return await Stopping.UntilStoppedAsync(new RepairCommand(host.Services, stdout, stderr).RunAsync(args, cancellationToken), cancellationToken);
        }
        finally
        {
            // Stopped by a signal, the engine gets a moment, not the host's usual 30 s: its work is being abandoned.
            using var patience = new CancellationTokenSource(cancellationToken.IsCancellationRequested ? Stopping.Patience : Timeout.InfiniteTimeSpan);
            await host.StopAsync(patience.Token);
        }
    }

    /// <summary>`wand serve`: the repair API until the process is stopped.</summary>
    private static async Task<int> ServeAsync(CommandLineArguments args, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (args.Positional.Count > 0)
        {
            throw new UsageException("'wand serve' takes no folder; jobs come in through POST /api/repairs");
        }

        var apiKey = args.Value("--api-key") ?? Environment.GetEnvironmentVariable("WAND_API_KEY");
        await using var host = await Serve.ServeHost.StartAsync(args.Value("--urls") ?? Serve.ServeHost.DefaultUrls, apiKey, null, cancellationToken);
        await using var sandboxes = new SandboxesOnStop(host.Services, cancellationToken);
        await stdout.WriteLineAsync($"wand serve: listening on {string.Join(", ", host.Addresses)}{(string.IsNullOrEmpty(apiKey) ? " (no API key: answers this machine only)" : " (API key required)")}; Ctrl+C stops");
        await stdout.WriteLineAsync($"wand serve: batch messages are read from the queue {Batch.BatchSettings.Queue} at {host.Services.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>().Uri}");
        await host.WaitForShutdownAsync(cancellationToken);
        return ExitCodes.Success;
    }

    private static HostApplicationBuilder CreateBuilder(Dictionary<string, string?> defaults, CancellationToken stop)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = false,
        });
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = defaults });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.QuietEngineOnceStopped(stop);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddWandCore(builder.Configuration);
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        return builder;
    }

    private static bool IsDockerUnreachable(Exception ex) =>
        ex is HttpRequestException or System.Net.Sockets.SocketException or IOException or TimeoutException
        || (ex.InnerException is not null && IsDockerUnreachable(ex.InnerException));
}
