using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Wand.Fixtures;

/// <summary>
/// Docker's registry (Debian's docker-registry, which eng/setup.sh installs) on a loopback port,
/// storing in a folder of its own, for as long as a test needs it. The Docker daemon pushes to and
/// pulls from 127.0.0.1 over plain HTTP without being told to.
/// </summary>
public sealed class LocalRegistry : IAsyncDisposable
{
    private static readonly string[] Binaries = ["/usr/bin/docker-registry", "/usr/local/bin/docker-registry"];

    private readonly Process _process;
    private readonly string _folder;

    private LocalRegistry(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Address = $"127.0.0.1:{port}";
    }

    /// <summary>host:port</summary>
    public string Address { get; }

    public static async Task<LocalRegistry> StartAsync()
    {
        var binary = Binaries.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Docker's registry is not installed: run `eng/setup.sh registry` (apt-get install docker-registry)");
        var folder = Directory.CreateTempSubdirectory("wand-registry-").FullName;
        var port = FreePort();
        var config = Path.Combine(folder, "config.yml");
        await File.WriteAllTextAsync(config, $"version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: {folder}/data\nhttp:\n  addr: 127.0.0.1:{port}\n");
        var process = Process.Start(new ProcessStartInfo(binary, ["serve", config]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("docker-registry did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new LocalRegistry(process, folder, port);
        using var http = new HttpClient();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                if ((await http.GetAsync(new Uri($"http://{registry.Address}/v2/"))).StatusCode == HttpStatusCode.OK)
                {
                    return registry;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        await registry.DisposeAsync();
        throw new InvalidOperationException($"docker-registry did not answer on {registry.Address} within 10 s");
    }

    /// <summary>The tags the registry holds of <paramref name="repository"/> (none when it holds no such repository).</summary>
    public async Task<string> TagsAsync(string repository)
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri($"http://{Address}/v2/{repository}/tags/list"));
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : "";
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
