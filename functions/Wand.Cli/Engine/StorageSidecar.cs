using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Wand.Cli.Engine;

/// <summary>
/// The SDK's gRPC sidecar (the server half of the Durable Task protocol, from InProcessTestHost)
/// on a Kestrel of its own at a loopback address, dispatching from the task hub in storage. The
/// worker and the client of <see cref="LocalEngine"/> talk to it as they would to any Durable
/// Task sidecar. Registered before the worker, so it listens before the worker connects.
/// </summary>
internal sealed class StorageSidecar(
    SidecarAddress address, AzureStorageOrchestrationService storage, SidecarSafeOrchestrationService dispatched, ILoggerFactory loggerFactory)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The sidecar's own CreateTaskHub does not wait for the hub; this does.
        await storage.CreateIfNotExistsAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(address.Url).ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(dispatched);
        // The client stays the storage service itself: the sidecar asks it for queries and purges.
        builder.Services.AddSingleton<IOrchestrationServiceClient>(storage);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        _app = builder.Build();
        _app.MapGrpcService<TaskHubGrpcServer>();
        await _app.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }

        // The sidecar does not wait for the service's stop (its handler is async void): this lets
        // go of the partitions now, so another process takes them without waiting for leases.
        // Forced: work under way is being abandoned (see Stopping); its messages come back to
        // whichever process takes it next. Not waited for past the host's patience: a process told
        // to stop ends promptly, and leases it did not give back run out by themselves.
        await dispatched.StopAsync(isForced: true).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>The loopback address the engine's sidecar listens on.</summary>
internal sealed record SidecarAddress(string Url);
