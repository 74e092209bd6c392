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

    /// <summary>
    /// A folder holding <c>ca.pem</c>, <c>cert.pem</c> and <c>key.pem</c> for a <c>tcp://</c>
    /// Docker host that requires TLS (the names dockerd's --tlsverify setup and the docker CLI
    /// use). Falls back to <c>DOCKER_CERT_PATH</c>.
    /// </summary>
    public string? TlsCertPath { get; set; }

    /// <summary>
    /// Require TLS for a <c>tcp://</c> host even when no certificate setting is given (then the
    /// files are looked for in <c>~/.docker</c>, as the docker CLI does). Falls back to
    /// <c>DOCKER_TLS_VERIFY</c> (any non-empty value).
    /// </summary>
    public bool TlsVerify { get; set; }

    /// <summary>
    /// The CA that signed the Docker host's certificate: PEM text, or the path of a PEM file.
    /// Overrides <c>ca.pem</c> in <see cref="TlsCertPath"/>. PEM text is for hosts that hand
    /// secrets over as settings rather than files (Key Vault references on Azure).
    /// </summary>
    public string? TlsCaCertificate { get; set; }

    /// <summary>This client's certificate (PEM text or path); overrides <c>cert.pem</c>.</summary>
    public string? TlsClientCertificate { get; set; }

    /// <summary>This client's private key (PEM text or path); overrides <c>key.pem</c>.</summary>
    public string? TlsClientKey { get; set; }

    /// <summary>Sandbox images are named <c>{ImagePrefix}{language}:latest</c>.</summary>
    public string ImagePrefix { get; set; } = "wand-sandbox-";

    /// <summary>The owner label of this process's sandbox containers (<see cref="SandboxContainers.OwnerLabel"/>); a new id each start unless set.</summary>
    public string? Owner { get; set; }

    /// <summary>How long a single call to the Docker API may take before it is abandoned.</summary>
    public TimeSpan DockerApiTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Memory of one sandbox, with no swap beyond it.</summary>
    public int MemoryMegabytes { get; set; } = 1024;

    /// <summary>CPUs one sandbox may use (fractions allowed).</summary>
    public double Cpus { get; set; } = 1.0;

    /// <summary>The most memory a job may ask for one run (<c>.wand.yml</c>'s <c>memoryMb</c>); more is cut to this.</summary>
    public int MaxMemoryMegabytes { get; set; } = 8192;

    /// <summary>The most CPUs a job may ask for one run (<c>.wand.yml</c>'s <c>cpus</c>); more is cut to this.</summary>
    public double MaxCpus { get; set; } = Environment.ProcessorCount;

    /// <summary>How long an environment's setup (<c>.wand.yml</c>'s <c>setup</c>, or its Dockerfile's build) may take.</summary>
    public TimeSpan SetupTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Memory of an environment's builder container.</summary>
    public int SetupMemoryMegabytes { get; set; } = 4096;

    /// <summary>CPUs of an environment's builder container.</summary>
    public double SetupCpus { get; set; } = Environment.ProcessorCount;

    /// <summary>The Docker network a setup reaches its package registries through (candidates never have one).</summary>
    public string SetupNetwork { get; set; } = "bridge";

    /// <summary>
    /// A PEM bundle of the certificate authorities a setup trusts for HTTPS (a proxy that
    /// inspects TLS needs its own CA there). Falls back to <c>SSL_CERT_FILE</c>, then to
    /// <c>/etc/ssl/certs/ca-certificates.crt</c>, when the file exists; empty turns it off.
    /// </summary>
    public string? SetupCaBundle { get; set; }

    /// <summary>
    /// A registry repository environment images are shared through (for example
    /// <c>myregistry.azurecr.io/wand-environments</c>), each under a tag of its own: a host that
    /// lacks one pulls it from there before making it, and one that made it pushes it. Null: each
    /// Docker host makes its own.
    /// </summary>
    public string? EnvironmentRegistry { get; set; }

    /// <summary>The user name for <see cref="EnvironmentRegistry"/> (an Azure Container Registry token's name); null: no credentials.</summary>
    public string? EnvironmentRegistryUsername { get; set; }

    /// <summary>The password for <see cref="EnvironmentRegistry"/>, with <see cref="EnvironmentRegistryUsername"/>.</summary>
    public string? EnvironmentRegistryPassword { get; set; }

    /// <summary>Processes and threads one sandbox may have at once.</summary>
    public int PidsLimit { get; set; } = 256;

    /// <summary>Size of the tmpfs work dir (/work) that holds the job's files and build output.</summary>
    public int WorkDirMegabytes { get; set; } = 512;

    /// <summary>Size of /tmp, and of /dev/shm, in a sandbox.</summary>
    public int TmpMegabytes { get; set; } = 64;

    /// <summary>Bytes of stdout, or of stderr, a run may write; a run that writes more is stopped.</summary>
    public int OutputLimitBytes { get; set; } = 1_000_000;

    /// <summary>Runs at once against one Docker host; more wait their turn.</summary>
    public int MaxConcurrentRuns { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Started containers kept ready per image in use (0 turns the warm pool off).</summary>
    public int WarmContainersPerImage { get; set; } = 2;
}
