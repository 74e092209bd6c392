using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wand.Jobs;

namespace Wand.Sandbox;

/// <summary>
/// The image a job's runs start from: its language's sandbox image, or, for a job with an
/// environment (<see cref="JobEnvironment"/>: <c>.wand.yml</c>'s <c>setup</c> and <c>image</c>),
/// an environment image made once and named by <see cref="EnvironmentKey"/>. Making one: the base
/// (the language's image, an image on the Docker host, or one built from the job's Dockerfile)
/// gets a builder container with the network (<see cref="SandboxContainers.CreateBuilderAsync"/>), which
/// runs <c>Scripts/setup.sh</c> on the files the setup reads, and is committed. Candidates then run
/// from the committed image like from any sandbox image: no network, every limit. The same key in
/// this process is made once at a time; across processes the image's name and label say it is there,
/// and across Docker hosts the <see cref="EnvironmentRegistry"/>, when there is one: so the key
/// names a base by what it is made of, not by its id on one host.
/// </summary>
public sealed partial class EnvironmentImages(
    DockerConnection docker, SandboxContainers containers, EnvironmentRegistry registry, IOptions<SandboxOptions> options, ILogger<EnvironmentImages> logger)
{
    /// <summary>The label an environment image (and a base built from a job's Dockerfile) carries with its key.</summary>
    public const string EnvironmentLabel = "dev.wand.environment";

    private const int LogTailBytes = 16_000;

    private static readonly string SetupScript = RunScript.Load("setup.sh");

    private static readonly string[] ProxySettings = ["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"];

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _making = new(StringComparer.Ordinal);

    /// <summary>Raised when an environment is about to be made (never when one is reused), with what it is made of: a command's progress.</summary>
    public event Action<string>? Making;

    /// <summary>
    /// The image <paramref name="job"/>'s runs start from, made first when it is not there yet;
    /// throws <see cref="EnvironmentSetupException"/> when it cannot be made.
    /// </summary>
    public async Task<string> ImageForAsync(Job job, CancellationToken cancellationToken)
    {
        var languageImage = new SandboxImageCatalog(options.Value.ImagePrefix).ImageName(job.Language.Image);
        if (job.Environment is not { } environment)
        {
            return languageImage;
        }

        var files = environment.FilesRead(job.Files);
        if (environment.ImageIsDockerfile(job.Files))
        {
            // Named by the Dockerfile and its context, so a host finds the environment in the registry before building the base.
            var baseKey = EnvironmentKey.Of("dockerfile", environment.Image!, [], files);
            async Task<BaseImage> Built()
            {
                var built = await OnceAsync(baseKey, k => BuildDockerfileAsync(environment.Image!, files, k), cancellationToken);
                return new BaseImage(built, await BaseAsync(built, cancellationToken));
            }

            return await OnceAsync(EnvironmentKey.Of($"dockerfile:{baseKey}", SetupScript, environment.Setup, files), k => MakeAsync(k, Built, environment.Setup, files), cancellationToken);
        }

        var baseName = environment.Image ?? languageImage;
        var based = new BaseImage(baseName, await BaseAsync(baseName, cancellationToken));
        var key = EnvironmentKey.Of(Identity(based.Image), SetupScript, environment.Setup, files);
        return await OnceAsync(key, k => MakeAsync(k, () => Task.FromResult(based), environment.Setup, files), cancellationToken);
    }

    /// <summary>
    /// What a base image is, the same on every host: a Wand sandbox image by the hash of its
    /// folder (each host builds its own, with its own id), any other by its id.
    /// </summary>
    private static string Identity(ImageInspectResponse based) =>
        Label(based, SandboxImageCatalog.ContentHashLabel) is { Length: > 0 } hash ? $"wand-sandbox:{hash}" : based.ID;

    /// <summary>Runs <paramref name="make"/> once for <paramref name="key"/> however many ask at once; the waiting is the caller's to cancel, the making is not.</summary>
    private async Task<string> OnceAsync(string key, Func<string, Task<string>> make, CancellationToken cancellationToken)
    {
        var making = _making.GetOrAdd(key, k => new Lazy<Task<string>>(() => make(k)));
        _ = making.Value.ContinueWith(_ => _making.TryRemove(KeyValuePair.Create(key, making)), TaskScheduler.Default);
        return await making.Value.WaitAsync(cancellationToken);
    }

    private async Task<ImageInspectResponse> BaseAsync(string image, CancellationToken cancellationToken)
    {
        if (await InspectAsync(image, cancellationToken) is { } found)
        {
            return found;
        }

        try
        {
            var (name, tag) = SplitTag(image);
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(TimeSpan.FromMinutes(2));
            await docker.Client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = name, Tag = tag }, null, new Progress<JSONMessage>(), patience.Token);
        }
        catch (Exception ex) when (ex is DockerApiException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new EnvironmentSetupException($"the image '{image}' is not on the Docker host, and pulling it failed: {ex.Message}",
                $"Build or load '{image}' on the Docker host first, or name another in {JobSettings.FileName}'s image:");
        }

        return await InspectAsync(image, cancellationToken)
            ?? throw new EnvironmentSetupException($"the image '{image}' is not on the Docker host", "");
    }

    /// <summary>The environment <paramref name="key"/> names: here already, else from the registry, else made here (and pushed there).</summary>
    private async Task<string> MakeAsync(string key, Func<Task<BaseImage>> baseOf, IReadOnlyList<string> setup, IReadOnlyList<JobFile> files)
    {
        var name = $"{options.Value.ImagePrefix}env-{key[..16]}";
        if (await InspectAsync($"{name}:latest", CancellationToken.None) is { } made && Label(made, EnvironmentLabel) == key
            || registry.Enabled && await registry.TryPullAsync($"{name}:latest", key, CancellationToken.None))
        {
            return $"{name}:latest";
        }

        await SetUpAsync(name, key, await baseOf(), setup, files);
        if (registry.Enabled)
        {
            await registry.PushAsync($"{name}:latest");
        }

        return $"{name}:latest";
    }

    /// <summary>Runs the setup in a builder container from <paramref name="based"/> and commits it as <paramref name="name"/>.</summary>
    private async Task SetUpAsync(string name, string key, BaseImage based, IReadOnlyList<string> setup, IReadOnlyList<JobFile> files)
    {
        // Named as asked for: an image has every tag that shares its id, in no order of ours.
        LogMaking(logger, name, based.Name, setup.Count, files.Count);
        Making?.Invoke($"{string.Join("; ", setup)} (from {based.Name}, with {files.Count} of the job's files)");
        var clock = Stopwatch.StartNew();
        var hasEntrypoint = based.Image.Config?.Entrypoint is { Count: > 0 };
        var id = await containers.CreateBuilderAsync(based.Image.ID, hasEntrypoint, options.Value.SetupTimeout + TimeSpan.FromMinutes(5), CancellationToken.None);
        try
        {
            await RunSetupAsync(id, setup, files);
            await docker.Client.Images.CommitContainerChangesAsync(new CommitContainerChangesParameters
            {
                ContainerID = id,
                RepositoryName = name,
                Tag = "latest",
                Labels = new Dictionary<string, string>
                {
                    [EnvironmentLabel] = key,
                    // Never taken for the language's own image (build.sh looks images up by this label).
                    [SandboxImageCatalog.ContentHashLabel] = "",
                },
                // A sandbox image idles on its own command (Python's keeps pytest loaded); any other idles asleep.
                Cmd = Label(based.Image, SandboxImageCatalog.LanguageLabel) is not null && based.Image.Config?.Cmd is { Count: > 0 } cmd
                    ? cmd : hasEntrypoint ? ["infinity"] : ["sleep", "infinity"],
                Entrypoint = hasEntrypoint ? based.Image.Config!.Entrypoint! : null!,
            }, CancellationToken.None);
            LogMade(logger, name, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            await containers.RemoveAsync(id);
        }
    }

    private async Task RunSetupAsync(string builder, IReadOnlyList<string> setup, IReadOnlyList<JobFile> files)
    {
        var input = files.Select(f => f with { Path = $"work/{f.Path}" }).ToList();
        if (CaBundle() is { } bundle)
        {
            input.Add(new JobFile("ca.pem", bundle));
        }

        var output = new CappedOutput(LogTailBytes + 4096);
        var timeout = options.Value.SetupTimeout;
        var exec = await new ContainerExec(docker.Client).RunAsync(
            builder, ["sh", "-c", SetupScript, "setup", .. setup], ProxyVariables(), JobTar.Of(input), timeout, 1_000_000, output, output,
            CancellationToken.None, exitCode: true);
        if (exec.DeadlinePassed)
        {
            var tail = new CappedOutput(LogTailBytes + 4096);
            await new ContainerExec(docker.Client).RunAsync(builder, ["tail", "-c", LogTailBytes.ToString(CultureInfo.InvariantCulture), "/wand-env/setup.log"],
                null, null, TimeSpan.FromSeconds(30), LogTailBytes * 2, tail, tail, CancellationToken.None);
            throw new EnvironmentSetupException($"the setup did not finish within {timeout.TotalMinutes:0.#} minutes ({SandboxOptions.SectionName}:{nameof(SandboxOptions.SetupTimeout)})", tail.ToString());
        }

        if (exec.ExitCode is not 0)
        {
            var log = output.ToString();
            var last = log.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith("wand: ", StringComparison.Ordinal));
            throw new EnvironmentSetupException(last?["wand: ".Length..] ?? $"the setup ended with exit status {exec.ExitCode}", log);
        }
    }

    private async Task<string> BuildDockerfileAsync(string dockerfile, IReadOnlyList<JobFile> files, string key)
    {
        var name = $"{options.Value.ImagePrefix}env-base-{key[..16]}:latest";
        if (await InspectAsync(name, CancellationToken.None) is { } built && Label(built, EnvironmentLabel) == key)
        {
            return name;
        }

        Making?.Invoke($"building {dockerfile}");
        var log = new BuildLog();
        using var patience = new CancellationTokenSource(options.Value.SetupTimeout);
        try
        {
            using var context = new MemoryStream(JobTar.Of(files));
            await docker.Client.Images.BuildImageFromDockerfileAsync(new ImageBuildParameters
            {
                Dockerfile = dockerfile,
                Tags = [name],
                Labels = new Dictionary<string, string> { [EnvironmentLabel] = key, [SandboxImageCatalog.ContentHashLabel] = "" },
                NetworkMode = options.Value.SetupNetwork,
                Remove = true,
                ForceRemove = true,
            }, context, null, null, log, patience.Token);
        }
        catch (Exception ex) when (ex is DockerApiException or OperationCanceledException)
        {
            throw new EnvironmentSetupException($"building {dockerfile} failed: {(patience.IsCancellationRequested ? "it took longer than the setup's time limit" : ex.Message)}", log.Tail(LogTailBytes));
        }

        return log.Error is { } error
            ? throw new EnvironmentSetupException($"building {dockerfile} failed: {error}", log.Tail(LogTailBytes))
            : name;
    }

    private async Task<ImageInspectResponse?> InspectAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            return await docker.Client.Images.InspectImageAsync(image, cancellationToken);
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }

    internal static string? Label(ImageInspectResponse image, string label) =>
        image.Config?.Labels is { } labels && labels.TryGetValue(label, out var value) ? value : null;

    private byte[]? CaBundle()
    {
        var path = options.Value.SetupCaBundle
            ?? (Environment.GetEnvironmentVariable("SSL_CERT_FILE") is { Length: > 0 } configured ? configured : "/etc/ssl/certs/ca-certificates.crt");
        return path.Length > 0 && File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    // A setup behind an HTTP proxy reaches its registries the way this process does.
    private static List<string> ProxyVariables() =>
        [.. ProxySettings
            .Where(v => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v)))
            .Select(v => $"{v}={Environment.GetEnvironmentVariable(v)}")];

    /// <summary>An image reference's name and tag (latest when it has none, or names a digest).</summary>
    internal static (string Name, string Tag) SplitTag(string image)
    {
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        return colon > slash && !image.Contains('@', StringComparison.Ordinal) ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }

    /// <summary>A Dockerfile build's output as it arrives, kept in order, and its error if any.</summary>
    private sealed class BuildLog : IProgress<JSONMessage>
    {
        private readonly System.Text.StringBuilder _text = new();

        public string? Error { get; private set; }

        public void Report(JSONMessage value)
        {
            lock (_text)
            {
                _text.Append(value.Stream);
                if (value.Error?.Message is { Length: > 0 } error)
                {
                    Error ??= error.Trim();
                    _text.AppendLine(error);
                }
            }
        }

        public string Tail(int bytes)
        {
            lock (_text)
            {
                return _text.Length <= bytes ? _text.ToString() : _text.ToString(_text.Length - bytes, bytes);
            }
        }
    }

    [LoggerMessage(EventId = 1030, Level = LogLevel.Information, Message = "Making the environment image {Image} from {Base}: {Commands} setup commands over {Files} files")]
    private static partial void LogMaking(ILogger logger, string image, string @base, int commands, int files);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Information, Message = "Made the environment image {Image} in {Seconds:0.0} s")]
    private static partial void LogMade(ILogger logger, string image, double seconds);

    /// <summary>An image an environment is made from, by the name it was asked for.</summary>
    private sealed record BaseImage(string Name, ImageInspectResponse Image);
}
