using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Wand.Batch;
using Wand.Generation;
using Wand.GitHub;
using Wand.Health;
using Wand.Jobs;
using Wand.Repair;
using Wand.Retention;
using Wand.Sandbox;
using Wand.Search;
using Wand.Storage;

namespace Wand;

/// <summary>Everything both hosts register: options, the sandbox, storage, generation, the pipeline's activities and the health checks.</summary>
public static class WandServiceCollectionExtensions
{
    public static IServiceCollection AddWandCore(this IServiceCollection services, IConfiguration configuration)
    {
        AddOptions(services, configuration);
        AddSandbox(services);
        AddHealth(services);
        services.AddSingleton<LlmClient>();
        services.AddSingleton<IChatModel>(sp => sp.GetRequiredService<LlmClient>());
        AddStorage(services);
        AddRepair(services);
        services.AddSingleton<BatchApi>();
        services.AddSingleton<BatchIntake>();
        services.AddSingleton<PrepareBatchActivity>();
        services.AddSingleton<WriteBatchReportActivity>();
        services.AddSingleton<RetentionSweep>();
        services.AddWandGitHub(configuration);
        return services;
    }

    /// <summary>Every options type, bound and checked at start-up.</summary>
    private static void AddOptions(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SandboxOptions>()
            .Bind(configuration.GetSection(SandboxOptions.SectionName))
            .PostConfigure(o =>
            {
                // The docker CLI's variables, so a shell set up for `docker` works unchanged.
                o.DockerHost = FirstSet(o.DockerHost, configuration["DOCKER_HOST"]);
                o.TlsCertPath = FirstSet(o.TlsCertPath, configuration["DOCKER_CERT_PATH"]);
                o.TlsVerify |= !string.IsNullOrEmpty(configuration["DOCKER_TLS_VERIFY"]);
            })
            .Validate(o => TryParse(o.DockerHost), "Wand:Sandbox:DockerHost (or DOCKER_HOST) is not a valid Docker endpoint: expected unix:///path or tcp://host:port")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SandboxOptions>, DockerTlsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SandboxOptions>, SandboxLimitsValidation>());
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .PostConfigure(o => o.FillFromFunctionsHost(configuration))
            .ValidateOnStart();
        services.AddOptions<LlmOptions>()
            .Bind(configuration.GetSection(LlmOptions.SectionName))
            .ValidateOnStart();
        var llmSetup = new LlmOptionsSetup(configuration);
        services.AddSingleton<IPostConfigureOptions<LlmOptions>>(llmSetup);
        services.AddSingleton<IValidateOptions<LlmOptions>>(llmSetup);
        services.AddOptions<RepairSettings>()
            .Bind(configuration.GetSection(RepairSettings.SectionName))
            .Validate(s => s.Problem() is null, $"{RepairSettings.SectionName} is invalid (candidates per round 1-64, parents kept 1-16, baseline runs 1-5, a positive budget)")
            .ValidateOnStart();
        services.AddOptions<JobLimitsOptions>()
            .Bind(configuration.GetSection(JobLimitsOptions.SectionName))
            .Validate(o => o.Problem() is null, $"{JobLimitsOptions.SectionName} is invalid (MaxFiles and MaxFileBytes at least 1, MaxTotalBytes at least MaxFileBytes)")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<JobLimitsOptions>>().Value.Limits);
        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection(RetentionOptions.SectionName))
            .Validate(o => o.Problem() is null, $"{RetentionOptions.SectionName} is invalid (MaxAge zero or more, Interval at least a minute)")
            .ValidateOnStart();
        services.AddOptions<BatchSettings>()
            .Bind(configuration.GetSection(BatchSettings.SectionName))
            .Validate(s => s.Problem() is null, $"{BatchSettings.SectionName} is invalid (parallelism 1-MaxParallelism, positive MaxJobs and MaxDeliveries, PollSeconds up to 60)")
            .ValidateOnStart();
    }

    private static void AddSandbox(IServiceCollection services)
    {
        services.AddSingleton<DockerConnection>();
        services.AddSingleton<SandboxContainers>();
        services.AddSingleton<SandboxJanitor>();
        services.AddSingleton<WarmContainerPool>();
        services.AddSingleton<EnvironmentRegistry>();
        services.AddSingleton<EnvironmentImages>();
        services.AddSingleton<SandboxRunner>();
        services.AddSingleton<ISandbox>(sp => sp.GetRequiredService<SandboxRunner>());
    }

    private static void AddHealth(IServiceCollection services)
    {
        services.AddSingleton<IHealthCheck, DockerDaemonCheck>();
        services.AddSingleton<IHealthCheck, SandboxImagesCheck>();
        services.AddSingleton<IHealthCheck, StorageCheck>();
        services.AddSingleton<IHealthCheck, LlmSettingsCheck>();
        services.AddSingleton<HealthChecker>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<HealthApi>();
    }

    private static void AddStorage(IServiceCollection services)
    {
        services.AddSingleton(sp => StorageClients.CreateBlobServiceClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => StorageClients.CreateQueueServiceClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => new ArtifactStore(sp.GetRequiredService<BlobServiceClient>()));
        services.AddSingleton<EvaluationCache>();
    }

    private static void AddRepair(IServiceCollection services)
    {
        services.AddSingleton<RepairBlobs>();
        services.AddSingleton<RepairJobs>();
        services.AddSingleton<RepairExport>();
        services.AddSingleton<RepairApi>();
        services.AddSingleton<EvaluateBaselineActivity>();
        services.AddSingleton<EvaluateCandidateActivity>();
        services.AddSingleton<GenerateCandidateActivity>();
        services.AddSingleton<SearchCandidatesActivity>();
        services.AddSingleton<ExamineBehaviourActivity>();
        services.AddSingleton<WriteReportActivity>();
    }

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static bool TryParse(string? dockerHost)
    {
        try
        {
            DockerConnection.ParseEndpoint(dockerHost ?? SandboxOptions.DefaultDockerHost);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
