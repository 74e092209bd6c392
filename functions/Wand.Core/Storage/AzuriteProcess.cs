using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Wand.Storage;

/// <summary>
/// An Azurite of our own: its own process on free 127.0.0.1 ports (it picks them: we pass
/// port 0 and read back where it listens), its own temporary data folder, stopped and
/// deleted on dispose. Used by `wand` when no storage account is configured, and by tests.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    // Well-known development account: Azurite accepts only this one by default.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _executable;
    private readonly string _dataDirectory;
    private readonly bool _ownsDataDirectory;
    private Process _process;

    private AzuriteProcess(string executable, Process process, string dataDirectory, bool ownsDataDirectory, Uri blob, Uri queue, Uri table)
    {
        _executable = executable;
        _process = process;
        _dataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        BlobEndpoint = blob;
        QueueEndpoint = queue;
        TableEndpoint = table;
    }

    public Uri BlobEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public Uri TableEndpoint { get; }

    /// <summary>The Azurite process's id (<see cref="AzuriteDataClaim"/> records it).</summary>
    public int ProcessId => _process.Id;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint}{AccountName};QueueEndpoint={QueueEndpoint}{AccountName};TableEndpoint={TableEndpoint}{AccountName};";

    /// <summary>Starts Azurite and returns once all three services listen.</summary>
    /// <param name="executable">The azurite script (see <see cref="AzuriteLocator"/>).</param>
    /// <param name="dataDirectory">Where it keeps data; a new temporary folder, deleted on dispose, when null.</param>
    /// <param name="startTimeout">How long to wait for all three services to listen (60 s when null).</param>
    /// <param name="cancellationToken">Stops waiting; the process is then killed.</param>
    public static async Task<AzuriteProcess> StartAsync(string executable, string? dataDirectory = null, TimeSpan? startTimeout = null, CancellationToken cancellationToken = default)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("wand-azurite-").FullName;
        try
        {
            var (process, endpoints) = await LaunchAsync(executable, dataDirectory, null, startTimeout, cancellationToken);
            return new AzuriteProcess(executable, process, dataDirectory, owns, endpoints["Blob"], endpoints["Queue"], endpoints["Table"]);
        }
        catch
        {
            if (owns)
            {
                TryDelete(dataDirectory);
            }

            throw;
        }
    }

    /// <summary>
    /// Stops Azurite and starts it again on the same ports with the same data, as a crash and a
    /// restart would: what was stored is still there, and the connection string is unchanged.
    /// </summary>
    public async Task RestartAsync(TimeSpan downtime, CancellationToken cancellationToken)
    {
        // SIGTERM, so Azurite saves its metadata (it writes it to disk every few seconds, and a
        // kill loses what came since); SIGKILL only if it does not end by itself.
        using (var term = Process.Start("kill", ["-TERM", $"{_process.Id}"]))
        {
            await term.WaitForExitAsync(cancellationToken);
        }

        try
        {
            await _process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch (TimeoutException)
        {
            Kill(_process);
            await _process.WaitForExitAsync(cancellationToken);
        }

        _process.Dispose();
        await Task.Delay(downtime, cancellationToken);
        (_process, _) = await LaunchAsync(_executable, _dataDirectory, [BlobEndpoint.Port, QueueEndpoint.Port, TableEndpoint.Port], null, cancellationToken);
    }

    private static async Task<(Process Process, Dictionary<string, Uri> Endpoints)> LaunchAsync(
        string executable, string dataDirectory, int[]? ports, TimeSpan? startTimeout, CancellationToken cancellationToken)
    {
        var start = StartInfo(executable, dataDirectory, ports ?? [0, 0, 0]);
        var output = new StringBuilder();
        var endpoints = new Dictionary<string, Uri>();
        var allListening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void OnLine(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
                var match = ListeningLine().Match(e.Data);
                if (match.Success)
                {
                    endpoints[match.Groups["service"].Value] = new Uri(match.Groups["url"].Value.TrimEnd('/') + "/");
                    if (endpoints.Count == 3)
                    {
                        allListening.TrySetResult();
                    }
                }
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.Exited += (_, _) => allListening.TrySetException(
            new InvalidOperationException($"Azurite exited before it listened:\n{Snapshot(output)}"));
        Start(process, executable);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await allListening.Task.WaitAsync(startTimeout ?? TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch (Exception ex)
        {
            Kill(process);
            if (ex is TimeoutException)
            {
                throw new InvalidOperationException($"Azurite did not listen within the time allowed. It printed:\n{Snapshot(output)}", ex);
            }

            throw;
        }

        return (process, endpoints);
    }

    private static void Start(Process process, string executable)
    {
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Cannot start Azurite at {executable}: {ex.Message} (is Node.js installed?).", ex);
        }
    }

    // Loopback only, on the given ports (0: any free one); it prints the endpoints it listens on.
    private static ProcessStartInfo StartInfo(string executable, string dataDirectory, int[] ports)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--silent", "--skipApiVersionCheck", "--location", dataDirectory,
            "--blobHost", "127.0.0.1", "--blobPort", $"{ports[0]}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{ports[1]}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{ports[2]}",
        })
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    public async ValueTask DisposeAsync()
    {
        Kill(_process);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process.Dispose();
        if (_ownsDataDirectory)
        {
            TryDelete(_dataDirectory);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is not worth failing over.
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at (?<url>\S+)")]
    private static partial Regex ListeningLine();
}
