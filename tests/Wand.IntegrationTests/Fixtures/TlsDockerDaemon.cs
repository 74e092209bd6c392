using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Wand.Fixtures;

/// <summary>
/// A second Docker daemon of the tests' own, standing in for a host of the Azure sandbox pool:
/// it listens only on TLS on a free 127.0.0.1 port and admits only clients with a certificate
/// of a CA made here. It keeps its own data, exec root and pid file under a temporary folder,
/// a bridge of its own and no iptables rules, so it never touches the machine's main daemon (a
/// daemon started with --bridge=none deletes docker0, the main daemon's bridge, and with it every
/// networked container of the main daemon: an environment's setup, say).
/// Failing to start it fails the tests that use it (with the daemon's log), never skips them.
/// </summary>
public sealed class TlsDockerDaemon : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("wand-dockerd-");
    private readonly string _bridge = $"wandtls{Random.Shared.Next(0x100000, 0xFFFFFF):x6}";
    private Process? _daemon;

    /// <summary>The CA of the daemon's and the clients' certificates.</summary>
    internal TestPki Pki { get; } = TestPki.Create("Wand sandbox pool test CA");

    /// <summary>Where the daemon listens: <c>tcp://127.0.0.1:port</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>A folder with ca.pem, cert.pem and key.pem of a client the daemon admits.</summary>
    public string ClientCertPath => Path.Combine(_root.FullName, "client");

    public string LogPath => Path.Combine(_root.FullName, "dockerd.log");

    public async Task InitializeAsync()
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException($"starting a second dockerd for the TLS tests needs root (running as {Environment.UserName})");
        }

        var serverFolder = Path.Combine(_root.FullName, "server");
        using (var server = Pki.IssueServer("127.0.0.1", "localhost"))
        {
            Pki.WriteFolder(serverFolder, server);
        }

        using (var client = Pki.IssueClient())
        {
            Pki.WriteFolder(ClientCertPath, client);
        }

        // An empty config file, so /etc/docker/daemon.json (hosts, bridges) cannot leak in.
        var config = Path.Combine(_root.FullName, "daemon.json");
        await File.WriteAllTextAsync(config, "{}");
        var port = FreeLoopbackPort();
        await IpAsync("link", "add", _bridge, "type", "bridge");
        await IpAsync("addr", "add", $"10.213.{Random.Shared.Next(1, 254)}.1/24", "dev", _bridge);
        Endpoint = new Uri($"tcp://127.0.0.1:{port}");
        string[] arguments =
        [
            "--host", $"tcp://127.0.0.1:{port}",
            "--tlsverify",
            "--tlscacert", Path.Combine(serverFolder, "ca.pem"),
            "--tlscert", Path.Combine(serverFolder, "cert.pem"),
            "--tlskey", Path.Combine(serverFolder, "key.pem"),
            "--config-file", config,
            "--data-root", Path.Combine(_root.FullName, "data"),
            "--exec-root", Path.Combine(_root.FullName, "exec"),
            "--pidfile", Path.Combine(_root.FullName, "docker.pid"),
            $"--bridge={_bridge}", "--iptables=false", "--ip6tables=false", "--ip-masq=false",
        ];

        // Through sh only to send the daemon's output to a file; exec keeps the daemon's pid ours.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec dockerd {string.Join(' ', arguments.Select(Quote))} >{Quote(LogPath)} 2>&1");
        try
        {
            _daemon = Process.Start(start) ?? throw new InvalidOperationException("dockerd did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"cannot run dockerd ({ex.Message}): apt-get install docker.io", ex);
        }

        await WaitUntilAnsweringAsync();
    }

    /// <summary>A client of this daemon presenting <see cref="ClientCertPath"/>'s certificate.</summary>
    public Sandbox.DockerConnection Connect(TimeSpan? timeout = null) => new(Microsoft.Extensions.Options.Options.Create(new Sandbox.SandboxOptions
    {
        DockerHost = Endpoint.OriginalString,
        TlsCertPath = ClientCertPath,
        DockerApiTimeout = timeout ?? TimeSpan.FromSeconds(30),
    }));

    public async Task DisposeAsync()
    {
        if (_daemon is { HasExited: false })
        {
            // SIGTERM lets dockerd stop its containerd and unmount its layers before it exits.
            using (var term = Process.Start("kill", ["-TERM", _daemon.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _daemon.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _daemon.Kill(entireProcessTree: true);
                await _daemon.WaitForExitAsync();
            }
        }

        _daemon?.Dispose();
        Pki.Dispose();
        await IpAsync("link", "del", _bridge);
        await RemoveRootAsync();
    }

    private static async Task IpAsync(params string[] arguments)
    {
        using var ip = Process.Start(new ProcessStartInfo("ip", arguments) { UseShellExecute = false, RedirectStandardError = true })
            ?? throw new InvalidOperationException("ip did not start");
        var errors = await ip.StandardError.ReadToEndAsync();
        await ip.WaitForExitAsync();
        if (ip.ExitCode != 0 && arguments[1] != "del")
        {
            throw new InvalidOperationException($"ip {string.Join(' ', arguments)} failed ({ip.ExitCode}): {errors}");
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var connection = Connect(TimeSpan.FromSeconds(5));
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < StartTimeout)
        {
            if (_daemon!.HasExited)
            {
                throw new InvalidOperationException($"dockerd exited with {_daemon.ExitCode} while starting:\n{LogTail()}");
            }

            try
            {
                await connection.Client.System.PingAsync();
                return;
            }
            catch (Exception ex) when (!_daemon.HasExited)
            {
                // Refused until it listens (an AggregateException from Docker.DotNet's own handler).
                last = ex;
                await Task.Delay(250);
            }
        }

        throw new InvalidOperationException($"dockerd did not answer on {Endpoint} over TLS within {StartTimeout.TotalSeconds} s ({last?.GetBaseException().Message}):\n{LogTail()}");
    }

    private string LogTail() =>
        File.Exists(LogPath) ? string.Join('\n', File.ReadLines(LogPath).TakeLast(20)) : "(no log)";

    private async Task RemoveRootAsync()
    {
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A layer still mounted after a forced stop: detach what lies under our folder, then retry.
            var mounts = File.ReadLines("/proc/mounts").Select(l => l.Split(' ')[1])
                .Where(m => m.StartsWith(_root.FullName, StringComparison.Ordinal)).OrderByDescending(m => m.Length);
            foreach (var mount in mounts)
            {
                using var umount = Process.Start("umount", ["-l", mount]);
                await umount.WaitForExitAsync();
            }

            _root.Delete(recursive: true);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
