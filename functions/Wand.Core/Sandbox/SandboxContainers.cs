using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Wand.Sandbox;

/// <summary>
/// Creates, kills and removes sandbox containers with the hardening every one of them gets:
/// no network, read-only root, size-limited tmpfs for /work and /tmp (exec allowed: compiled
/// candidates run their own binaries), memory = memory+swap, CPU, pids, open-file and core-dump
/// limits, no log kept by the daemon, no-new-privileges, an init process and none of the host's
/// environment. The container's user is root with only CAP_SETUID, CAP_SETGID and CAP_KILL: the
/// runner (<see cref="RunScript"/>) needs them to run each candidate as a uid of its own and to
/// kill that uid's processes; nothing else (README.md in this folder has the threat model).
/// Every process of a candidate's makes itself the OOM killer's first pick.
/// The image's own command keeps the container up (an idle sleep, or an agent with its test
/// framework already loaded). Each carries <see cref="ManagedLabel"/> and an expiry time, so leftovers of a crashed
/// process can be found and removed by anyone (see <see cref="SandboxJanitor"/>).
/// </summary>
public sealed partial class SandboxContainers(DockerConnection docker, IOptions<SandboxOptions> options, ILogger<SandboxContainers> logger)
{
    public const string ManagedLabel = "dev.wand.sandbox";
    public const string ExpiresLabel = "dev.wand.expires";

    /// <summary>Which process made a container: a daemon may serve several Wand processes at once, and each answers for its own.</summary>
    public const string OwnerLabel = "dev.wand.owner";

    /// <summary>Marks an environment's builder container (<see cref="CreateBuilderAsync"/>): it has the network, and never runs a candidate.</summary>
    public const string BuilderLabel = "dev.wand.builder";
    public const string WorkDir = "/work";

    /// <summary>The runner's own tmpfs (root's, 0700): each variant's kept output and reports, out of a candidate's reach and room.</summary>
    public const string RunnerDir = "/run/wand";

    /// <summary>The runner's user: root, held to <see cref="RunnerCapabilities"/>; candidates run as uids of their own (<see cref="RunScript.NewCandidateUid"/>).</summary>
    public const string RunnerUser = "0:0";

    /// <summary>What the runner needs to become the candidate's user and to kill its processes (which the candidate cannot stop), and nothing more.</summary>
    public static readonly IReadOnlyList<string> RunnerCapabilities = ["SETUID", "SETGID", "KILL"];

    /// <summary>
    /// Open files per process: the usual default, enough for test suites; with the pids limit it
    /// bounds what one sandbox can take of the host's file table (256 × 1024).
    /// </summary>
    public const long OpenFilesLimit = 1024;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Task, byte> _removals = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task>> _removing = new(StringComparer.Ordinal);
    private readonly HashSet<Task> _creations = [];
    private volatile bool _stopping;

    /// <summary>Whether <see cref="StopAllAsync"/> was called: no container is created any more.</summary>
    public bool IsStopping => _stopping;

    /// <summary>The value of <see cref="OwnerLabel"/> on the containers this instance makes.</summary>
    public string Owner { get; } = options.Value.Owner is { Length: > 0 } owner ? owner : Guid.NewGuid().ToString("N");

    /// <summary>
    /// Creates and starts a container of <paramref name="image"/> that lives at most
    /// <paramref name="lifetime"/>, with the job's <paramref name="resources"/> where it asks
    /// (capped by <see cref="SandboxOptions.MaxMemoryMegabytes"/> and <see cref="SandboxOptions.MaxCpus"/>), else the defaults.
    /// </summary>
    public async Task<string> CreateStartedAsync(string image, TimeSpan lifetime, CancellationToken cancellationToken, Jobs.JobResources? resources = null, int? workDirMegabytes = null)
    {
        var settings = options.Value;
        var workDir = Math.Max(workDirMegabytes ?? 0, settings.WorkDirMegabytes);
        var memory = Math.Min(resources?.MemoryMegabytes ?? settings.MemoryMegabytes, Math.Max(settings.MaxMemoryMegabytes, settings.MemoryMegabytes)) * 1024L * 1024L;
        var cpus = Math.Min(resources?.Cpus ?? settings.Cpus, Math.Max(settings.MaxCpus, settings.Cpus));
        var id = await CreateTrackedAsync(() => docker.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = image,
            User = RunnerUser,
            WorkingDir = WorkDir,
            // Network mode none: a loopback interface and an /etc/hosts that names localhost (test
            // suites start servers on it), and nothing else. NetworkDisabled would leave /etc/hosts empty.
            Labels = Labels(lifetime),
            HostConfig = new HostConfig
            {
                NetworkMode = "none",
                ReadonlyRootfs = true,
                // /work takes the image's WORKDIR's owner (root); the runner opens it to candidates.
                Tmpfs = new Dictionary<string, string>
                {
                    [WorkDir] = $"rw,exec,nosuid,nodev,size={workDir}m,nr_inodes=262144",
                    ["/tmp"] = $"rw,exec,nosuid,nodev,size={settings.TmpMegabytes}m,nr_inodes=65536,mode=1777",
                    [RunnerDir] = "rw,noexec,nosuid,nodev,size=16m,mode=0700",
                },
                ShmSize = settings.TmpMegabytes * 1024L * 1024L,
                Memory = memory,
                MemorySwap = memory,
                NanoCPUs = (long)(cpus * 1_000_000_000),
                PidsLimit = settings.PidsLimit,
                Ulimits =
                [
                    new Ulimit { Name = "nofile", Soft = OpenFilesLimit, Hard = OpenFilesLimit },
                    new Ulimit { Name = "core", Soft = 0, Hard = 0 },
                ],
                CapDrop = ["ALL"],
                CapAdd = [.. RunnerCapabilities],
                SecurityOpt = ["no-new-privileges"],
                // Whatever reaches the container's own stdout (its main process's) is dropped,
                // never written to the daemon's disk.
                LogConfig = new LogConfig { Type = "none" },
                Init = true,
            },
        }, CancellationToken.None));
        return await StartedAsync(id, cancellationToken);
    }

    /// <summary>
    /// Creates and starts a builder container of <paramref name="image"/> for an environment's setup
    /// (<see cref="EnvironmentImages"/>): unlike a sandbox it has the network (<see cref="SandboxOptions.SetupNetwork"/>)
    /// and a writable root, as root with Docker's default capabilities, because installing is its
    /// job; it still has memory, CPU and pids limits, no-new-privileges and no log, and carries the same labels, so a
    /// stop or the janitor removes it like any sandbox. It idles until the setup is exec'd.
    /// </summary>
    public async Task<string> CreateBuilderAsync(string image, bool hasEntrypoint, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var memory = settings.SetupMemoryMegabytes * 1024L * 1024L;
        var id = await CreateTrackedAsync(() => docker.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = image,
            User = RunnerUser,
            WorkingDir = WorkDir,
            // An image's own entrypoint gets the idle command as its arguments (entrypoints exec them).
            Entrypoint = hasEntrypoint ? ["sleep"] : null!,
            Cmd = hasEntrypoint ? ["infinity"] : ["sleep", "infinity"],
            Labels = Labels(lifetime, BuilderLabel),
            HostConfig = new HostConfig
            {
                NetworkMode = settings.SetupNetwork,
                Memory = memory,
                MemorySwap = memory,
                NanoCPUs = (long)(settings.SetupCpus * 1_000_000_000),
                PidsLimit = 4096,
                Ulimits = [new Ulimit { Name = "core", Soft = 0, Hard = 0 }],
                SecurityOpt = ["no-new-privileges"],
                LogConfig = new LogConfig { Type = "none" },
                Init = true,
            },
        }, CancellationToken.None));
        return await StartedAsync(id, cancellationToken);
    }

    /// <summary>What marks a container of this process's (and its expiry, for the janitor), with <paramref name="marks"/> set too.</summary>
    private Dictionary<string, string> Labels(TimeSpan lifetime, params string[] marks)
    {
        var labels = new Dictionary<string, string>
        {
            [ManagedLabel] = "1",
            [ExpiresLabel] = DateTimeOffset.UtcNow.Add(lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            [OwnerLabel] = Owner,
        };
        foreach (var mark in marks)
        {
            labels[mark] = "1";
        }

        return labels;
    }

    /// <summary>Starts a created container; one that does not start is removed.</summary>
    private async Task<string> StartedAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Client.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken);
        }
        catch
        {
            await RemoveAsync(id);
            throw;
        }

        return id;
    }

    /// <summary>
    /// The process is stopping (Ctrl+C, SIGTERM): kills and removes every container of
    /// <see cref="Owner"/>, whatever still runs in it, and refuses to create any after. Creations
    /// under way are waited for first, so none slips past the listing.
    /// </summary>
    public async Task StopAllAsync()
    {
        Task[] pending;
        lock (_creations)
        {
            _stopping = true;
            pending = [.. _creations];
        }

        await Task.WhenAll(pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            // A daemon that does not answer a listing in seconds will not remove anything either.
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            var left = await ListAsync(patience.Token, Owner);
            await Task.WhenAll(left.Select(c => RemoveAsync(c.ID)));
            LogStopped(logger, left.Count, Owner);
        }
        catch (Exception ex) when (ex is DockerApiException or HttpRequestException or IOException or OperationCanceledException)
        {
            // Their expiry label lets the janitor of a later process remove them.
            LogStopFailed(logger, Owner, ex.Message);
        }

        await WhenRemovedAsync();
    }

    /// <summary>
    /// Runs a container creation that <see cref="StopAllAsync"/> can see. It is never cancelled
    /// half way: a creation the daemon finishes after its caller gave up would leave a container
    /// nobody knows of. Once stopping, a new creation is refused and a finished one removed.
    /// </summary>
    private async Task<string> CreateTrackedAsync(Func<Task<CreateContainerResponse>> create)
    {
        Task<CreateContainerResponse> creation;
        lock (_creations)
        {
            if (_stopping)
            {
                throw Stopping();
            }

            creation = create();
            _creations.Add(creation);
        }

        try
        {
            var id = (await creation).ID;
            if (_stopping)
            {
                await RemoveAsync(id);
                throw Stopping();
            }

            return id;
        }
        finally
        {
            lock (_creations)
            {
                _creations.Remove(creation);
            }
        }
    }

    public async Task KillAsync(string id)
    {
        try
        {
            await docker.Client.Containers.KillContainerAsync(id, new ContainerKillParameters { Signal = "KILL" }, CancellationToken.None);
        }
        catch (DockerApiException ex)
        {
            // Already stopped: nothing left to kill.
            LogKillFailed(logger, id, ex.StatusCode);
        }
    }

    /// <summary>Every container that carries <see cref="ManagedLabel"/>, running or not, on this Docker host; with <paramref name="owner"/>, only the ones of that <see cref="OwnerLabel"/>.</summary>
    public Task<IList<ContainerListResponse>> ListAsync(CancellationToken cancellationToken, string? owner = null) =>
        docker.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = owner is null
                    ? new Dictionary<string, bool> { [ManagedLabel] = true }
                    : new Dictionary<string, bool> { [ManagedLabel] = true, [$"{OwnerLabel}={owner}"] = true },
            },
        }, cancellationToken);

    /// <summary>
    /// Removes a used container without making the caller wait; <see cref="WhenRemovedAsync"/>
    /// waits for every removal started so far.
    /// </summary>
    public void RemoveInBackground(string id)
    {
        var removal = RemoveAsync(id);
        _removals.TryAdd(removal, 0);
        removal.ContinueWith(t => _removals.TryRemove(t, out _), TaskScheduler.Default);
    }

    public Task WhenRemovedAsync() => Task.WhenAll(_removals.Keys);

    /// <summary>Kills and removes the container; done when it is gone (or could not be removed, which is logged).</summary>
    public Task RemoveAsync(string id)
    {
        // Two removals of one container at once (a run's own and the stop's) share one: Docker
        // answers the second "already in progress" at once, before the container is gone.
        var removal = _removing.GetOrAdd(id, key => new Lazy<Task>(() => RemoveOnceAsync(key)));
        removal.Value.ContinueWith(_ => _removing.TryRemove(KeyValuePair.Create(id, removal)), TaskScheduler.Default);
        return removal.Value;
    }

    private async Task RemoveOnceAsync(string id)
    {
        // A daemon that does not answer may be restarting: try again a little later, twice.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await docker.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
                return;
            }
            catch (DockerContainerNotFoundException)
            {
                return; // Gone already.
            }
            catch (Exception ex) when ((ex is HttpRequestException or IOException) && attempt < 3)
            {
                await Task.Delay(TimeSpan.FromSeconds(2 * attempt));
            }
            catch (Exception ex) when (ex is DockerApiException or HttpRequestException or IOException)
            {
                // Its expiry label lets the janitor remove it later; a run's result is worth more than this error.
                LogRemoveFailed(logger, id, ex.Message);
                return;
            }
        }
    }

    private static OperationCanceledException Stopping() => new("this process is stopping: its sandboxes are removed and no new one starts");

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Killing sandbox {ContainerId} failed: {Status}")]
    private static partial void LogKillFailed(ILogger logger, string containerId, System.Net.HttpStatusCode status);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Removing sandbox {ContainerId} failed: {Error}")]
    private static partial void LogRemoveFailed(ILogger logger, string containerId, string error);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Stopping: removed {Count} sandbox containers of owner {Owner}")]
    private static partial void LogStopped(ILogger logger, int count, string owner);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Stopping: the sandbox containers of owner {Owner} could not be listed, so they are left to expire: {Error}")]
    private static partial void LogStopFailed(ILogger logger, string owner, string error);
}
