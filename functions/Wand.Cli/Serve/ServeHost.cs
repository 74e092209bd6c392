using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wand.Cli.Engine;
using Wand.Cli.Telemetry;
using Wand.Storage;

namespace Wand.Cli.Serve;

/// <summary>
/// `wand serve`: Kestrel on 127.0.0.1 (unless told otherwise) with the repair API, a listener on
/// the batch queue, the local Durable Task engine (durable: a task hub in the storage, shared with every `wand serve` on it), the local Docker daemon and, when no storage is configured, an Azurite of
/// its own. The same Core code as the Functions app, behind the same routes; whom it answers is <see cref="ServeAccess"/>'s call.
/// </summary>
public sealed class ServeHost : IAsyncDisposable
{
    public const string DefaultUrls = "http://127.0.0.1:7071";

    private readonly WebApplication _app;
    private readonly AzuriteProcess? _azurite;

    private ServeHost(WebApplication app, AzuriteProcess? azurite)
    {
        _app = app;
        _azurite = azurite;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>The addresses Kestrel listens on (a port 0 in the URLs is the one it was given).</summary>
    public IReadOnlyList<string> Addresses => [.. _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses];

    public static async Task<ServeHost> StartAsync(string urls, string? apiKey, IReadOnlyDictionary<string, string?>? settings, CancellationToken cancellationToken)
    {
        var builder = CreateBuilder(urls, settings, cancellationToken);
        var azurite = await LocalStorage.StartUnlessConfiguredAsync(builder.Configuration, keepData: true, cancellationToken);
        WebApplication? app = null;
        try
        {
            app = Build(builder, apiKey);
            await app.StartAsync(cancellationToken);
            return new ServeHost(app, azurite);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Kestrel on <paramref name="urls"/> with the services of Core, the local engine and the queue listener.</summary>
    /// <param name="stop">The process's stop signal (`wand serve` passes it), after which the engine's complaints about abandoned work are not shown.</param>
    internal static WebApplicationBuilder CreateBuilder(string urls, IReadOnlyDictionary<string, string?>? settings, CancellationToken stop)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.QuietEngineOnceStopped(stop);
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Math.Max(Wand.Repair.RepairApi.MaxBodyBytes, Wand.GitHub.GitHubWebhook.MaxBodyBytes) + 1);
        builder.Services.AddProblemDetails();
        // The same JSON as `wand repair --json`: enums by name, nulls left out.
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        });
        builder.Services.AddWandCore(builder.Configuration);
        builder.Services.AddLocalDurableEngine(builder.Configuration);
        builder.Services.AddTelemetryExport(builder.Configuration, "wand-serve");
        builder.Services.AddHostedService<BatchQueueListener>();
        builder.Services.AddHostedService<RetentionService>();
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        // Stopping, requests under way get this long to finish; the work behind them is being abandoned anyway.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = Stopping.Patience);
        return builder;
    }

    /// <summary>The app with its middleware and routes, not started (a test reads its routes from it).</summary>
    internal static WebApplication Build(WebApplicationBuilder builder, string? apiKey)
    {
        var app = builder.Build();
        app.UseServeProblems();
        app.UseRouting();
        app.UseServeAccess(apiKey);
        app.MapRepairRoutes();
        app.MapBatchRoutes();
        app.MapHealthRoutes();
        app.MapGitHubRoutes();
        return app;
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
