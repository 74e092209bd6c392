using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Wand.Fixtures;

/// <summary>
/// A headless Chromium of a test's own (its own process and temporary profile), driven over
/// the DevTools protocol: one page, navigate, evaluate. Enough to ask what a page shows.
/// Chromium missing fails the test with the command that installs it, in CI and everywhere
/// else: never a skip.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome"];

    private readonly Process _process;
    private readonly DirectoryInfo _profile;
    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private int _lastId;
    private string? _session;

    private HeadlessChromium(Process process, DirectoryInfo profile, ClientWebSocket socket)
    {
        _process = process;
        _profile = profile;
        _socket = socket;
        _receiving = ReceiveAsync();
    }

    public static async Task<HeadlessChromium> StartAsync()
    {
        var executable = Find() ?? throw new InvalidOperationException(
            "Chromium is not installed (the HTML report test opens the report in it): run eng/setup.sh chromium (apt-get install chromium), or set WAND_CHROMIUM to a Chromium or Chrome binary.");
        var profile = Directory.CreateTempSubdirectory("wand-chromium-");
        var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        // --no-sandbox: Chromium's own sandbox refuses to start as root, which CI machines are.
        foreach (var arg in new[] { "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--remote-debugging-port=0", $"--user-data-dir={profile.FullName}", "about:blank" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            // Port 0 lets Chromium pick a free port; it writes the port and the browser's path here.
            var portFile = Path.Combine(profile.FullName, "DevToolsActivePort");
            var deadline = DateTime.UtcNow + Patience;
            string[] lines;
            while ((lines = File.Exists(portFile) ? await File.ReadAllLinesAsync(portFile) : []).Length < 2)
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    string output;
                    lock (errors)
                    {
                        output = errors.ToString();
                    }

                    throw new InvalidOperationException($"{executable} did not open its DevTools port (exited: {process.HasExited}):\n{output}");
                }

                await Task.Delay(50);
            }

            var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = TimeSpan.Zero;
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0].Trim()}{lines[1].Trim()}"), CancellationToken.None);
            var chromium = new HeadlessChromium(process, profile, socket);
            var target = await chromium.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" });
            var attached = await chromium.SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target["targetId"]!.GetValue<string>(), ["flatten"] = true });
            chromium._session = attached["sessionId"]!.GetValue<string>();
            return chromium;
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            profile.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>Opens <paramref name="url"/> in the page and waits until it has loaded.</summary>
    public async Task NavigateAsync(Uri url)
    {
        var navigation = await SendAsync("Page.navigate", new JsonObject { ["url"] = url.AbsoluteUri });
        if (navigation["errorText"] is { } error)
        {
            throw new InvalidOperationException($"Chromium could not open {url}: {error}");
        }

        var deadline = DateTime.UtcNow + Patience;
        var loaded = $"location.href === {JsonValue.Create(url.AbsoluteUri).ToJsonString()} && document.readyState === 'complete'";
        while (!(await EvaluateAsync(loaded))!.GetValue<bool>())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{url} did not finish loading in {Patience.TotalSeconds} s");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The value of a JavaScript expression in the page (as DevTools runs it: the page's policy does not apply to it).</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var reply = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true });
        if (reply["exceptionDetails"] is { } exception)
        {
            throw new InvalidOperationException($"evaluating `{expression}` threw: {exception.ToJsonString()}");
        }

        return reply["result"]!["value"];
    }

    public async Task<string> TextAsync(string expression) => (await EvaluateAsync(expression))?.GetValue<string>() ?? "";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }

        await _receiving;
        _socket.Dispose();
        _process.Dispose();
        _sending.Dispose();
        _stop.Dispose();
        try
        {
            _profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file Chromium was still closing; the temporary folder is cleaned up later anyway.
        }
    }

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("WAND_CHROMIUM");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => Names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }

    private async Task<JsonObject> SendAsync(string method, JsonObject parameters)
    {
        var id = Interlocked.Increment(ref _lastId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (_session is not null)
        {
            message["sessionId"] = _session;
        }

        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }

        var answer = await reply.Task.WaitAsync(Patience);
        return answer["error"] is { } error
            ? throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}")
            : answer["result"]!.AsObject();
    }

    /// <summary>Hands each reply to the request with its id; events (messages without one) are not needed here.</summary>
    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var part = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (part.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage)
                {
                    continue;
                }

                var json = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                if (json["id"] is { } id && _pending.TryRemove(id.GetValue<int>(), out var waiting))
                {
                    waiting.SetResult(json);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Closing down, or Chromium went away: whoever still waits times out with its method's name.
        }

        foreach (var waiting in _pending.Values)
        {
            waiting.TrySetException(new InvalidOperationException("Chromium closed the DevTools connection"));
        }
    }
}
