using System.Text.RegularExpressions;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Wand.Sandbox;

/// <summary>
/// Shares environment images between Docker hosts through a registry repository
/// (<see cref="SandboxOptions.EnvironmentRegistry"/>), each environment under a tag of its own (its
/// local name): pulled from there before a host makes it, pushed there once made. An image is
/// taken only when its environment label is the key asked for; a registry that cannot be reached
/// costs a make, never a run.
/// </summary>
public sealed partial class EnvironmentRegistry(DockerConnection docker, IOptions<SandboxOptions> options, ILogger<EnvironmentRegistry> logger)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    /// <summary>Whether a registry is configured.</summary>
    public bool Enabled => options.Value.EnvironmentRegistry is { Length: > 0 };

    /// <summary>What is wrong with the registry settings, each naming its setting.</summary>
    public static IEnumerable<string> Problems(SandboxOptions options)
    {
        if (options.EnvironmentRegistry is { Length: > 0 } registry && !Repository().IsMatch(registry))
        {
            yield return $"{SandboxOptions.SectionName}:{nameof(options.EnvironmentRegistry)} is '{registry}'; it must be a registry host and a repository path, like myregistry.azurecr.io/wand-environments or 127.0.0.1:5000/wand (lower case, no tag)";
        }

        if (string.IsNullOrEmpty(options.EnvironmentRegistryUsername) != string.IsNullOrEmpty(options.EnvironmentRegistryPassword))
        {
            yield return $"{SandboxOptions.SectionName}:{nameof(options.EnvironmentRegistryUsername)} and {nameof(options.EnvironmentRegistryPassword)} go together: set both or neither";
        }
    }

    /// <summary>The name <paramref name="local"/> (name:latest) has in the registry: the repository, tagged with the local name.</summary>
    public string RemoteName(string local) => $"{options.Value.EnvironmentRegistry}:{EnvironmentImages.SplitTag(local).Name}";

    /// <summary>
    /// Pulls <paramref name="local"/> from the registry and tags it locally; true when the pulled
    /// image is the environment <paramref name="key"/> names.
    /// </summary>
    public async Task<bool> TryPullAsync(string local, string key, CancellationToken cancellationToken)
    {
        var remote = RemoteName(local);
        var (name, tag) = EnvironmentImages.SplitTag(remote);
        try
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(Patience);
            await docker.Client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = name, Tag = tag }, Credentials(), new Progress<JSONMessage>(), patience.Token);
            var pulled = await docker.Client.Images.InspectImageAsync(remote, cancellationToken);
            if (EnvironmentImages.Label(pulled, EnvironmentImages.EnvironmentLabel) != key)
            {
                LogNotThisEnvironment(logger, remote);
                return false;
            }

            var (localName, localTag) = EnvironmentImages.SplitTag(local);
            await docker.Client.Images.TagImageAsync(remote, new ImageTagParameters { RepositoryName = localName, Tag = localTag }, cancellationToken);
            LogPulled(logger, remote);
            return true;
        }
        catch (Exception ex) when (ex is DockerApiException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogNotPulled(logger, remote, ex.Message);
            return false;
        }
    }

    /// <summary>Pushes <paramref name="local"/> to the registry; a failure is logged, and the next host makes its own.</summary>
    public async Task PushAsync(string local)
    {
        var remote = RemoteName(local);
        var (name, tag) = EnvironmentImages.SplitTag(remote);
        try
        {
            using var patience = new CancellationTokenSource(Patience);
            await docker.Client.Images.TagImageAsync(local, new ImageTagParameters { RepositoryName = name, Tag = tag }, patience.Token);
            var failure = new PushErrors();
            await docker.Client.Images.PushImageAsync(name, new ImagePushParameters { Tag = tag }, Credentials() ?? new AuthConfig(), failure, patience.Token);
            if (failure.Error is { } error)
            {
                throw new DockerApiException(System.Net.HttpStatusCode.BadGateway, error);
            }

            LogPushed(logger, remote);
        }
        catch (Exception ex) when (ex is DockerApiException or HttpRequestException or OperationCanceledException)
        {
            LogNotPushed(logger, remote, ex.Message);
        }
    }

    private AuthConfig? Credentials() => options.Value.EnvironmentRegistryUsername is { Length: > 0 } user
        ? new AuthConfig { Username = user, Password = options.Value.EnvironmentRegistryPassword, ServerAddress = options.Value.EnvironmentRegistry!.Split('/')[0] }
        : null;

    /// <summary>A push reports its failure in its progress messages, not as an exception.</summary>
    private sealed class PushErrors : IProgress<JSONMessage>
    {
        public string? Error { get; private set; }

        public void Report(JSONMessage value) => Error ??= value.Error?.Message is { Length: > 0 } message ? message : null;
    }

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)+$")]
    private static partial Regex Repository();

    [LoggerMessage(EventId = 1032, Level = LogLevel.Information, Message = "Pulled the environment image {Image} from the registry")]
    private static partial void LogPulled(ILogger logger, string image);

    [LoggerMessage(EventId = 1033, Level = LogLevel.Information, Message = "The environment image {Image} is not in the registry ({Reason}); it is made here")]
    private static partial void LogNotPulled(ILogger logger, string image, string reason);

    [LoggerMessage(EventId = 1034, Level = LogLevel.Warning, Message = "The registry's {Image} is another environment (its label is not the key); it is made here and pushed over it")]
    private static partial void LogNotThisEnvironment(ILogger logger, string image);

    [LoggerMessage(EventId = 1035, Level = LogLevel.Information, Message = "Pushed the environment image {Image} to the registry")]
    private static partial void LogPushed(ILogger logger, string image);

    [LoggerMessage(EventId = 1036, Level = LogLevel.Warning, Message = "Pushing the environment image {Image} failed ({Reason}): other hosts make their own")]
    private static partial void LogNotPushed(ILogger logger, string image, string reason);
}
