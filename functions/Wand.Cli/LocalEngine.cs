using System.Net;
using System.Net.Sockets;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.DurableTask.Worker.Grpc.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Wand.Cli;

/// <summary>
/// `wand`'s Durable Task engine: the SDK's in-process engine (real replay, in-memory history)
/// behind a gRPC sidecar on a free loopback port, with Wand's orchestrators and activities.
/// </summary>
public static class LocalEngine
{
    /// <param name="wideDispatchers">False keeps the engine's stock dispatchers (for the benchmark that shows why they are widened).</param>
    /// <param name="silentDisconnectTimeout">How long the worker waits for its work-item stream before it calls the sidecar gone; null: never (for the test that provokes it).</param>
    public static IServiceCollection AddLocalDurableEngine(this IServiceCollection services, bool wideDispatchers = true, TimeSpan? silentDisconnectTimeout = null)
    {
        services.AddInMemoryDurableTask(registry => registry.AddWandTasks(), new InMemoryDurableTaskOptions { Port = FreeLoopbackPort() });

        // The in-process sidecar sends no health pings on the work-item stream, so the worker took
        // a long activity's silence for a lost connection: it rebuilt its channel and disposed the
        // old one under the running activity, whose completion then failed, and the repair waited
        // forever. The worker now uses the host's one channel, which it neither rebuilds nor
        // disposes, and does not watch for silence.
        services.AddOptions<GrpcDurableTaskWorkerOptions>(Options.DefaultName).Configure<GrpcChannel>((worker, channel) =>
        {
            worker.Channel = channel;
            worker.SetSilentDisconnectTimeout(silentDisconnectTimeout ?? TimeSpan.Zero);
        });
        if (wideDispatchers)
        {
            // Registered after the engine's own, so this one is resolved (see WideInMemoryOrchestrationService).
            services.AddSingleton<InMemoryOrchestrationService>(sp => new WideInMemoryOrchestrationService(sp.GetService<ILoggerFactory>()));
        }

        return services;
    }

    // The engine otherwise picks a random port in 30000-40000 and fails when it is taken.
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// The in-memory engine with room for 100 work items at a time. Its dispatchers take at most
/// <c>MaxConcurrentTask*WorkItems</c> items, which the engine sets to the processor count, and
/// sleep 500 ms whenever they are full: on 2 cores, 40 parallel activities took 10 s instead of
/// half a second (Pipeline/README.md). The properties are not virtual, so the interface is
/// re-implemented; everything else maps to the base class.
/// </summary>
internal sealed class WideInMemoryOrchestrationService(ILoggerFactory? loggerFactory)
    : InMemoryOrchestrationService(loggerFactory), IOrchestrationService
{
    private const int MaxWorkItems = 100;

    int IOrchestrationService.MaxConcurrentTaskOrchestrationWorkItems => MaxWorkItems;

    int IOrchestrationService.MaxConcurrentTaskActivityWorkItems => MaxWorkItems;
}
