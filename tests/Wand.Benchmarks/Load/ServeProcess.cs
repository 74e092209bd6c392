using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Wand.Benchmarks.Load;

/// <summary>`wand serve` as a process of its own, so that it can be killed as a crash kills it (SIGKILL, nothing runs after).</summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private bool _disposed;

    private ServeProcess(Process process) => _process = process;

    /// <summary>Where it listens (its root, ending in a slash).</summary>
    public Uri Address { get; private set; } = null!;

    public int Id => _process.Id;

    public static async Task<ServeProcess> StartAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, "functions", "Wand.Cli", "bin", configuration, "net10.0", "wand.dll"));
        foreach (var arg in new[] { "serve", "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var serve = new ServeProcess(Process.Start(start)!);
        serve._process.OutputDataReceived += (_, line) => serve.Add(line.Data);
        serve._process.ErrorDataReceived += (_, line) => serve.Add(line.Data);
        serve._process.BeginOutputReadLine();
        serve._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!ListeningOn().IsMatch(serve.Output))
        {
            if (serve._process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"wand serve did not start:\n{serve.Output}");
            }

            await Task.Delay(100, cancellationToken);
        }

        serve.Address = new Uri(ListeningOn().Match(serve.Output).Groups[1].Value + "/");
        return serve;
    }

    /// <summary>SIGKILL, as an OOM kill or a lost machine ends it: no shutdown, nothing flushed.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Add(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
