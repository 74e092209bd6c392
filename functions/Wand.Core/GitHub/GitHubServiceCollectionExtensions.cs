using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Wand.GitHub;

/// <summary>The GitHub webhook's services, for both hosts (part of <see cref="WandServiceCollectionExtensions.AddWandCore"/>).</summary>
public static class GitHubServiceCollectionExtensions
{
    public static IServiceCollection AddWandGitHub(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GitHubOptions>()
            .Bind(configuration.GetSection(GitHubOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GitHubOptions>, GitHubOptionsValidation>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<GitHubHttp>();
        services.AddHttpClient(GitHubHttp.ClientName).AddResilienceHandler("github-rate-limits", (pipeline, context) => GitHubHttp.AddRetries(pipeline, context.ServiceProvider));
        services.AddSingleton<GitHubCredentials>();
        services.AddSingleton<GitHubWebhook>();
        services.AddSingleton<PreparePullRequestFixActivity>();
        services.AddSingleton<PublishPullRequestFixActivity>();
        return services;
    }
}
