namespace Wand.Sandbox;

/// <summary>Where sandboxes run and what they look like. Bound from <c>Wand:Sandbox</c>.</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Wand:Sandbox";

    /// <summary>The local daemon's socket, used when neither this option nor DOCKER_HOST is set.</summary>
    public const string DefaultDockerHost = "unix:///var/run/docker.sock";

    /// <summary>
    /// The Docker endpoint (<c>unix:///path</c> or <c>tcp://host:port</c>). Falls back to the
    /// conventional <c>DOCKER_HOST</c> environment variable, then to the local socket.
    /// </summary>
    public string? DockerHost { get; set; }

    /// <summary>Sandbox images are named <c>{ImagePrefix}{language}:latest</c>.</summary>
    public string ImagePrefix { get; set; } = "wand-sandbox-";

    /// <summary>How long a single call to the Docker API may take before it is abandoned.</summary>
    public TimeSpan DockerApiTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Memory of one sandbox, with no swap beyond it.</summary>
    public int MemoryMegabytes { get; set; } = 1024;

    /// <summary>CPUs one sandbox may use (fractions allowed).</summary>
    public double Cpus { get; set; } = 1.0;

    /// <summary>Processes and threads one sandbox may have at once.</summary>
    public int PidsLimit { get; set; } = 256;

    /// <summary>Size of the tmpfs work dir (/work) that holds the job's files and build output.</summary>
    public int WorkDirMegabytes { get; set; } = 512;

    /// <summary>Bytes of stdout plus stderr a run may write; a run that writes more is stopped.</summary>
    public int OutputLimitBytes { get; set; } = 1_000_000;

    /// <summary>Runs at once against one Docker host; more wait their turn.</summary>
    public int MaxConcurrentRuns { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Started containers kept ready per image in use (0 turns the warm pool off).</summary>
    public int WarmContainersPerImage { get; set; } = 2;
}
