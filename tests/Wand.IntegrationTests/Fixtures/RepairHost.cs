using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wand.Cli.Engine;
using Wand.Jobs;
using Wand.Repair;
using Wand.Storage;

namespace Wand.Fixtures;

/// <summary>
/// The pipeline composed as `wand repair` composes it (Core services, the local Durable Task
/// engine), against a real Azurite, the real Docker daemon and a scripted LLM server.
/// </summary>
public sealed class RepairHost : IAsyncDisposable
{
    private readonly IHost _host;

    private RepairHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public DurableTaskClient Client => Services.GetRequiredService<DurableTaskClient>();

    public ArtifactStore Store => Services.GetRequiredService<ArtifactStore>();

    /// <param name="silentDisconnectTimeout">The Durable Task worker's patience with a silent work-item stream (null: none, as `wand` runs).</param>
    /// <param name="logs">Also receives the host's warnings and errors.</param>
    public static async Task<RepairHost> StartAsync(
        string storageConnectionString, Uri llmBaseUrl, IReadOnlyDictionary<string, string?>? settings = null, TimeSpan? silentDisconnectTimeout = null, ILoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Wand:Storage:ConnectionString"] = storageConnectionString,
            ["Wand:Llm:Provider"] = "OpenAICompatible",
            ["Wand:Llm:Endpoint"] = llmBaseUrl.ToString(),
            ["Wand:Llm:Model"] = "scripted-model",
            ["Wand:Llm:ApiKey"] = "test-key",
            ["Wand:Sandbox:WarmContainersPerImage"] = "1",
            // A hub of its own: hosts on one Azurite must not take each other's work.
            ["Wand:Engine:TaskHub"] = AzuriteFixture.NewTaskHub(),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddWandCore(builder.Configuration);
        builder.Services.AddLocalDurableEngine(builder.Configuration, silentDisconnectTimeout: silentDisconnectTimeout);
        var host = builder.Build();
        await host.StartAsync();
        return new RepairHost(host);
    }

    /// <summary>Runs a repair of <paramref name="job"/> to its end and returns the outcome.</summary>
    public async Task<RepairOutcome> RepairAsync(Job job, RepairSettings? settings = null)
    {
        var id = await Services.GetRequiredService<RepairJobs>().StartAsync(Client, job, settings ?? new RepairSettings(), CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        // Polled here: the storage engine's own wait looks every 2 s, which added up across the suite.
        var state = await Client.GetInstanceAsync(id, getInputsAndOutputs: true, timeout.Token);
        while (state is null || !state.IsCompleted)
        {
            await Task.Delay(100, timeout.Token);
            state = await Client.GetInstanceAsync(id, getInputsAndOutputs: true, timeout.Token);
        }

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"repair {id} ended {state.RuntimeStatus}: {state.FailureDetails?.ErrorType}: {state.FailureDetails?.ErrorMessage}\n{state.FailureDetails?.StackTrace}");
        return state.ReadOutputAs<RepairOutcome>()!;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await ((IAsyncDisposable)_host).DisposeAsync();
    }
}
