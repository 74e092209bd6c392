using Wand.Sandbox;

namespace Wand.Health;

/// <summary>Is there a Docker daemon at the configured endpoint, and which version is it?</summary>
public sealed class DockerDaemonCheck(DockerConnection docker) : IHealthCheck
{
    public string Name => "docker";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var version = await docker.Client.System.GetVersionAsync(timeout.Token);
            return [new CheckResult(Name, CheckStatus.Ok, $"Docker {version.Version} (API {version.APIVersion}, {version.Os}/{version.Arch}) at {docker.Endpoint}")];
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return [Unreachable(docker.Endpoint, ex)];
        }
    }

    internal static CheckResult Unreachable(Uri endpoint, Exception ex) => new(
        "docker",
        CheckStatus.Failed,
        $"no Docker daemon answers at {endpoint}: {DockerErrors.Describe(ex)}",
        endpoint.Scheme == "unix"
            ? "start one (eng/setup.sh installs docker.io and starts dockerd on Debian/Ubuntu), or point DOCKER_HOST at a running daemon"
            : "check that the daemon at DOCKER_HOST is running and reachable from here; over TLS, that its certificate names that address and comes from the CA of Wand:Sandbox:TlsCertPath (DOCKER_CERT_PATH), and that it accepts your client certificate");
}
