using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Wand.Fixtures;

/// <summary>Runs the built `wand` as a separate process, the way a user does.</summary>
public static partial class WandProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string Output => Stdout + Stderr;
    }

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        await using var running = Start(environment, args);
        return await running.WaitForExitAsync(TimeSpan.FromMinutes(2));
    }

    /// <summary>Starts `wand` and returns at once: for a test that acts while it runs (sends it a signal, calls its server).</summary>
    public static Running Start(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.ArgumentList.Add(RepositoryPaths.WandDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The caller's LLM and storage settings must not leak into what a test expects.
        foreach (var inherited in new[] { "AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_DEPLOYMENT", "OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_MODEL", "AzureWebJobsStorage" })
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new Running(Process.Start(start)!);
    }

    /// <summary>A `wand` process still running; disposing it kills it if it has not ended.</summary>
    public sealed partial class Running : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _stdout = new();
        private readonly StringBuilder _stderr = new();
        private readonly Task _reading;

        internal Running(Process process)
        {
            _process = process;
            _reading = Task.WhenAll(CopyAsync(process.StandardOutput, _stdout), CopyAsync(process.StandardError, _stderr));
        }

        /// <summary>What it has written to stdout so far.</summary>
        public string StdoutSoFar
        {
            get
            {
                lock (_stdout)
                {
                    return _stdout.ToString();
                }
            }
        }

        /// <summary>Sends <paramref name="signal"/> (TERM, INT) as `kill -s` does, to this process alone.</summary>
        public async Task SignalAsync(string signal)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
            await kill.WaitForExitAsync();
            Assert.True(kill.ExitCode == 0, $"kill -s {signal} {_process.Id} failed: is the process gone already?");
        }

        /// <summary>Where `wand serve` listens, once it has said so.</summary>
        public async Task<Uri> ListeningAddressAsync()
        {
            var deadline = DateTime.UtcNow.AddMinutes(1);
            var match = ListeningOn().Match(StdoutSoFar);
            while (!match.Success)
            {
                Assert.True(DateTime.UtcNow < deadline && !_process.HasExited, $"wand serve did not say where it listens:\n{StdoutSoFar}\n{Stderr()}");
                await Task.Delay(100);
                match = ListeningOn().Match(StdoutSoFar);
            }

            return new Uri(match.Groups[1].Value);
        }

        /// <summary>Waits until it ends; fails the test when it has not within <paramref name="timeout"/>.</summary>
        public async Task<Result> WaitForExitAsync(TimeSpan timeout)
        {
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"wand did not end within {timeout.TotalSeconds:F0} s; so far:\n{StdoutSoFar}\n{Stderr()}");
            }

            await _reading;
            return new Result(_process.ExitCode, StdoutSoFar, Stderr());
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        private string Stderr()
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }

        [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
        private static partial Regex ListeningOn();

        private static async Task CopyAsync(StreamReader reader, StringBuilder into)
        {
            var buffer = new char[4096];
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0)
            {
                lock (into)
                {
                    into.Append(buffer, 0, read);
                }
            }
        }
    }
}
