using System.Net;
using System.Net.Sockets;
using DurableTask.AzureStorage;
using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.DurableTask.Worker.Grpc.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wand.Storage;

namespace Wand.Cli.Engine;

/// <summary>
/// `wand`'s Durable Task engine, behind a gRPC sidecar on a free loopback port, with Wand's
/// orchestrators and activities: DurableTask.AzureStorage over Wand's storage (the one Durable
/// Functions uses in production) unless <c>Wand:Engine:Backend</c> asks for the in-memory one.
/// </summary>
public static class LocalEngine
{
    /// <param name="wideDispatchers">False keeps the in-memory engine's stock dispatchers (for the benchmark that shows why they are widened).</param>
    /// <param name="silentDisconnectTimeout">How long the worker waits for its work-item stream before it calls the sidecar gone; null: never (for the test that provokes it).</param>
    public static IServiceCollection AddLocalDurableEngine(
        this IServiceCollection services, IConfiguration configuration, bool wideDispatchers = true, TimeSpan? silentDisconnectTimeout = null)
    {
        var options = configuration.GetSection(EngineOptions.SectionName).Get<EngineOptions>() ?? new EngineOptions();
        services.AddOptions<EngineOptions>()
            .Bind(configuration.GetSection(EngineOptions.SectionName))
            .Validate(o => o.Problem() is null, $"{EngineOptions.SectionName} is invalid: {options.Problem()}")
            .ValidateOnStart();
        if (options.Backend == EngineBackend.InMemory)
        {
            services.AddInMemoryDurableTask(registry => registry.AddWandTasks(), new InMemoryDurableTaskOptions { Port = FreeLoopbackPort() });
            if (wideDispatchers)
            {
                // Registered after the engine's own, so this one is resolved (see WideInMemoryOrchestrationService).
                services.AddSingleton<InMemoryOrchestrationService>(sp => new WideInMemoryOrchestrationService(sp.GetService<ILoggerFactory>()));
            }
        }
        else
        {
            services.AddStorageEngine();
        }

        // The sidecar sends no health pings on the work-item stream, so the worker took a long
        // activity's silence for a lost connection: it rebuilt its channel and disposed the old one
        // under the running activity, whose completion then failed, and the repair waited
        // forever. The worker now uses the host's one channel, which it neither rebuilds nor
        // disposes, and does not watch for silence.
        services.AddOptions<GrpcDurableTaskWorkerOptions>(Options.DefaultName).Configure<GrpcChannel>((worker, channel) =>
        {
            worker.Channel = channel;
            worker.SetSilentDisconnectTimeout(silentDisconnectTimeout ?? TimeSpan.Zero);
        });
        return services;
    }

    private static void AddStorageEngine(this IServiceCollection services)
    {
        var address = new SidecarAddress($"http://127.0.0.1:{FreeLoopbackPort()}");
        services.AddSingleton(address);
        services.AddSingleton(sp => new AzureStorageOrchestrationService(StorageSettings(sp)));
        services.AddSingleton<SidecarSafeOrchestrationService>();
        services.AddHostedService<StorageSidecar>();
        services.AddSingleton(_ => GrpcChannel.ForAddress(address.Url));
        services.AddDurableTaskWorker(builder =>
        {
            builder.UseGrpc();
            builder.AddTasks(registry => registry.AddWandTasks());
        });
        services.AddDurableTaskClient(builder => builder.UseGrpc());
        services.AddOptions<GrpcDurableTaskClientOptions>(Options.DefaultName).Configure<GrpcChannel>((client, channel) => client.Channel = channel);
    }

    private static AzureStorageOrchestrationServiceSettings StorageSettings(IServiceProvider services)
    {
        var engine = services.GetRequiredService<IOptions<EngineOptions>>().Value;
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var connection = storage.ConnectionString
            ?? throw new OptionsValidationException(EngineOptions.SectionName, typeof(EngineOptions), [
                $"the durable engine reaches storage by connection string: set {StorageOptions.SectionName}:ConnectionString, or {EngineOptions.SectionName}:Backend=InMemory"]);
        return new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = engine.TaskHub,
            StorageAccountClientProvider = new StorageAccountClientProvider(connection),
            WorkerId = engine.NewWorkerId(),
            PartitionCount = engine.Partitions,
            MaxConcurrentTaskActivityWorkItems = WideInMemoryOrchestrationService.MaxWorkItems,
            MaxConcurrentTaskOrchestrationWorkItems = WideInMemoryOrchestrationService.MaxWorkItems,
            // An idle queue is otherwise looked at every 30 s, and work another process adds waits that long.
            MaxQueuePollingInterval = engine.MaxPollingInterval,
            ControlQueueVisibilityTimeout = engine.MessageVisibility,
            WorkItemQueueVisibilityTimeout = engine.MessageVisibility,
            // The app lease would let one process at a time work, and a new one wait minutes for it.
            UseAppLease = false,
            // The sidecar can use neither (it throws on a separate entity queue and ignores sessions).
            ExtendedSessionsEnabled = false,
            UseSeparateQueueForEntityWorkItems = false,
            LoggerFactory = services.GetRequiredService<ILoggerFactory>(),
        };
    }

    // The in-memory engine otherwise picks a random port in 30000-40000 and fails when it is taken.
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
