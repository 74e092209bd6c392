using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wand.Cli.Engine;
using Wand.Cli.Telemetry;
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
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var parsed = new WandCommandLine(Actions(stdout, stderr)).Root.Parse(args);
        if (parsed.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync($"wand: {error.Message}");
            }

            var command = parsed.CommandResult.Command is System.CommandLine.RootCommand ? "" : $" {parsed.CommandResult.Command.Name}";
            await stderr.WriteLineAsync($"Run 'wand{command} --help' for usage.");
            return ExitCodes.BadInput;
        }

        var invocation = new System.CommandLine.InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            // Ctrl+C and SIGTERM are StopSignals' (the token here): the work stops and its sandboxes go.
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            var exit = await parsed.InvokeAsync(invocation, cancellationToken);
            return cancellationToken.IsCancellationRequested ? await InterruptedAsync(stderr) : exit;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Whatever the stop interrupted ends as a stop, not as that work's failure.
            return await InterruptedAsync(stderr);
        }
        catch (Exception ex) when (Failure(ex) is var (code, message))
        {
            await stderr.WriteLineAsync($"wand: {message}");
            return code;
        }
    }

    /// <summary>An expected failure's exit code and one line, or null for a bug (it surfaces as one).</summary>
    private static (int Code, string Message)? Failure(Exception ex) => ex switch
    {
        UsageException or InvalidJobException => (ExitCodes.BadInput, ex.Message),
        AzuriteDataInUseException or AzuriteNotFoundException => (ExitCodes.Environment, ex.Message),
        OptionsValidationException options => (ExitCodes.BadInput, $"configuration is invalid:\n  {string.Join("\n  ", options.Failures)}"),
        Azure.RequestFailedException storage => (ExitCodes.Environment,
            $"storage answered {storage.Status} ({storage.ErrorCode}): {storage.Message.Split('\n')[0]}. Run `wand doctor` for details."),
        _ when IsDockerUnreachable(ex) => (ExitCodes.Environment, $"cannot reach Docker: {DockerErrors.Describe(ex)}. Run `wand doctor` for details."),
        _ => null,
    };

    private static WandActions Actions(TextWriter stdout, TextWriter stderr) => new(
        DoctorAsync: (json, ct) => RunWithServicesAsync([], s => new DoctorCommand(s, stdout).RunAsync(json, ct), ct),
        RunAsync: (folder, language, json, ct) => RunWithServicesAsync(OneShotDefaults, s => new RunCommand(s, stdout).RunAsync(folder, language, json, ct), ct),
        RepairAsync: (args, ct) => RepairAsync(args, stdout, stderr, ct),
        ServeAsync: (urls, apiKey, ct) => ServeAsync(urls, apiKey, stdout, ct),
        BuildImagesAsync: (languages, ct) => RunWithServicesAsync(OneShotDefaults, s => new ImagesCommand(s, stdout, stderr).BuildAsync(languages, ct), ct));

    private static async Task<int> InterruptedAsync(TextWriter stderr)
    {
        await stderr.WriteLineAsync("wand: stopped (Ctrl+C or SIGTERM): the work was cancelled and its sandboxes removed");
        return ExitCodes.Interrupted;
    }

    // A single run has no next run to keep a warm container for (settings can still ask for one).
    private static readonly Dictionary<string, string?> OneShotDefaults = new() { ["Wand:Sandbox:WarmContainersPerImage"] = "0" };

    // A one-shot repair has no later process to hand its work to, so it need not pay for a
    // durable engine (README "Durable engine" has the figures); settings can still ask for one.
    private static readonly Dictionary<string, string?> RepairDefaults = new() { ["Wand:Engine:Backend"] = nameof(Engine.EngineBackend.InMemory) };

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
    private static async Task<int> RepairAsync(RepairArguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var builder = CreateBuilder(RepairDefaults, cancellationToken);
        AzuriteProcess? azurite;
        try
        {
            azurite = await LocalStorage.StartUnlessConfiguredAsync(builder.Configuration, keepData: false, cancellationToken);
        }
        catch (AzuriteNotFoundException ex)
        {
            await stderr.WriteLineAsync($"wand: {ex.Message}");
            return ExitCodes.Environment;
        }

        await using var azuriteDisposal = azurite;
        builder.Services.AddLocalDurableEngine(builder.Configuration);
        builder.Services.AddTelemetryExport(builder.Configuration, "wand");
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
    private static async Task<int> ServeAsync(string? urls, string? apiKey, TextWriter stdout, CancellationToken cancellationToken)
    {
        apiKey ??= Environment.GetEnvironmentVariable("WAND_API_KEY");
        await using var host = await Serve.ServeHost.StartAsync(urls ?? Serve.ServeHost.DefaultUrls, apiKey, null, cancellationToken);
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
