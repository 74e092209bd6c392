using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wand.Cli.Engine;

namespace Wand.Benchmarks.Repair;

/// <summary>
/// The pipeline composed as `wand` composes it (Core, the local engine) on a task hub of its own,
/// for the benchmarks that run repairs through an engine, and the wait for a repair's end.
/// </summary>
internal static class EngineHosts
{
    /// <param name="customize">Run after Core is added and before the engine (doubles of the model or the sandbox, a log provider).</param>
    /// <param name="wideDispatchers">False keeps the in-memory engine's stock dispatchers.</param>
    public static async Task<IHost> StartAsync(
        string connectionString, EngineBackend backend, string taskHubPrefix, Action<HostApplicationBuilder> customize, CancellationToken cancellationToken, bool wideDispatchers = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Wand:Storage:ConnectionString"] = connectionString,
            ["Wand:Sandbox:WarmContainersPerImage"] = "0",
            ["Wand:Engine:Backend"] = backend.ToString(),
            ["Wand:Engine:TaskHub"] = taskHubPrefix + Guid.NewGuid().ToString("N")[..8],
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddWandCore(builder.Configuration);
        customize(builder);
        builder.Services.AddLocalDurableEngine(builder.Configuration, wideDispatchers);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    /// <summary>
    /// The instance once it has ended, looked at every <paramref name="interval"/>: the storage
    /// engine's own wait looks every 2 s, which would be most of what a short benchmark measures.
    /// </summary>
    public static async Task<OrchestrationMetadata> UntilEndedAsync(DurableTaskClient client, string id, TimeSpan interval, CancellationToken cancellationToken)
    {
        var state = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        while (state is null || !state.IsCompleted)
        {
            await Task.Delay(interval, cancellationToken);
            state = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        }

        return state;
    }
}
