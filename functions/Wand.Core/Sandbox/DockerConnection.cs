using Docker.DotNet;
using Microsoft.Extensions.Options;

namespace Wand.Sandbox;

/// <summary>
/// The one Docker client of a process, made lazily from <see cref="SandboxOptions"/> so that
/// a host starts even when the daemon is down (the doctor then says so).
/// </summary>
public sealed class DockerConnection : IDisposable
{
    private readonly Lazy<DockerClient> _client;

    public DockerConnection(IOptions<SandboxOptions> options)
    {
        var value = options.Value;
        Endpoint = ParseEndpoint(value.DockerHost ?? SandboxOptions.DefaultDockerHost);
        Tls = DockerTls.FromOptions(value, Endpoint);
        RunSlots = new SemaphoreSlim(Math.Max(1, value.MaxConcurrentRuns));
        _client = new Lazy<DockerClient>(() =>
        {
            var builder = new DockerClientBuilder().WithEndpoint(Endpoint).WithTimeout(value.DockerApiTimeout);
            return (Tls is null ? builder : builder.WithAuthProvider(Tls.CreateCredentials())).Build();
        });
    }

    /// <summary>The endpoint this process talks to, as configured.</summary>
    public Uri Endpoint { get; }

    /// <summary>The client certificate and CA this connection uses; null for a socket or a plain TCP host.</summary>
    public DockerTls? Tls { get; }

    public IDockerClient Client => _client.Value;

    /// <summary>Bounds the sandbox runs under way against this Docker host at once.</summary>
    public SemaphoreSlim RunSlots { get; }

    /// <summary>Turns a DOCKER_HOST-style string into a URI, with an error that names the setting.</summary>
    public static Uri ParseEndpoint(string dockerHost)
    {
        if (Uri.TryCreate(dockerHost, UriKind.Absolute, out var uri)
            && uri.Scheme is "unix" or "tcp" or "http" or "https" or "npipe")
        {
            return uri;
        }

        throw new ArgumentException(
            $"Docker host '{dockerHost}' is not a valid endpoint: expected unix:///path/to/docker.sock or tcp://host:port (set Wand:Sandbox:DockerHost or DOCKER_HOST).",
            nameof(dockerHost));
    }

    public void Dispose()
    {
        RunSlots.Dispose();
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }

        Tls?.Dispose();
    }
}
