using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Wand.Fixtures;

namespace Wand.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM on `wand`, as a process, in the middle of its work: it cancels the
/// work, removes every sandbox it made and exits 130, within seconds, whatever the test in the
/// sandbox was doing (here: sleeping for two minutes).
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class StopSignalTests(DockerFixture docker, AzuriteFixture azurite) : IDisposable
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    private readonly JobFolders _jobs = new();

    public void Dispose() => _jobs.Dispose();

    [Theory]
    [InlineData("run", "TERM")]
    [InlineData("run", "INT")]
    [InlineData("repair", "TERM")]
    [InlineData("repair", "INT")]
    public async Task Signal_WhileItsTestSleeps_Exits130AndLeavesNoSandbox(string command, string signal)
    {
        var owner = Guid.NewGuid().ToString("N");
        await using var wand = WandProcess.Start(Settings(owner), command, SleepingJob());
        await WaitForSandboxAsync(owner, wand);

        var sent = Stopwatch.StartNew();
        await wand.SignalAsync(signal);
        var result = await wand.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var exited = sent.Elapsed;

        await AssertStoppedAsync(owner, result, exited);
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Serve_SignalWhileARepairRuns_Exits130AndLeavesNoSandbox(string signal)
    {
        var owner = Guid.NewGuid().ToString("N");
        await using var wand = WandProcess.Start(Settings(owner), "serve", "--urls", "http://127.0.0.1:0");
        using var http = new HttpClient { BaseAddress = await wand.ListeningAddressAsync() };
        var job = $$"""{ "generator": "search", "timeoutSeconds": 300, "files": [{{string.Join(", ", SleepingFiles.Select(f => $$"""{ "path": "{{f.Key}}", "content": {{System.Text.Json.JsonSerializer.Serialize(f.Value)}} }"""))}}] }""";
        var posted = await http.PostAsync("/api/repairs", new StringContent(job, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        await WaitForSandboxAsync(owner, wand);

        var sent = Stopwatch.StartNew();
        await wand.SignalAsync(signal);
        var result = await wand.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var exited = sent.Elapsed;

        await AssertStoppedAsync(owner, result, exited);
    }

    [Fact]
    public async Task Doctor_SignalWhileADockerDaemonKeepsItWaiting_Exits130()
    {
        // A "daemon" that accepts the connection and never answers: the doctor waits up to 10 s for it.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        await using var wand = WandProcess.Start(new Dictionary<string, string?>
        {
            ["DOCKER_HOST"] = $"tcp://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}",
            ["Wand__Storage__ConnectionString"] = azurite.ConnectionString,
        }, "doctor");
        using var waiting = await silent.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(60));

        var sent = Stopwatch.StartNew();
        await wand.SignalAsync("TERM");
        var result = await wand.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.True(sent.Elapsed < Prompt, $"wand doctor took {sent.Elapsed.TotalSeconds:F1} s to stop");
        Assert.Equal(ExitCodes.Interrupted, result.ExitCode);
        Assert.Contains("wand: stopped (Ctrl+C or SIGTERM)", result.Stderr, StringComparison.Ordinal);
    }

    private async Task AssertStoppedAsync(string owner, WandProcess.Result result, TimeSpan exited)
    {
        var left = await docker.CountSandboxContainersOfAsync(owner);

        Assert.True(exited < Prompt, $"wand took {exited.TotalSeconds:F1} s to stop:\n{result.Output}");
        Assert.Equal(0, left);
        Assert.True(result.ExitCode == ExitCodes.Interrupted, $"exit {result.ExitCode}, not 130:\n{result.Output}");
        Assert.Contains("wand: stopped (Ctrl+C or SIGTERM): the work was cancelled and its sandboxes removed", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    private Dictionary<string, string?> Settings(string owner) => new()
    {
        ["Wand__Sandbox__Owner"] = owner,
        ["Wand__Storage__ConnectionString"] = azurite.ConnectionString,
        ["Wand__Repair__Generator"] = "Search",
        ["Wand__Engine__TaskHub"] = AzuriteFixture.NewTaskHub(),
    };

    /// <summary>Waits until `wand` has a sandbox of <paramref name="owner"/> (its test is then starting or sleeping).</summary>
    private async Task WaitForSandboxAsync(string owner, WandProcess.Running wand)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (await docker.CountSandboxContainersOfAsync(owner) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"wand made no sandbox within 2 minutes:\n{wand.StdoutSoFar}");
            await Task.Delay(200);
        }

        // Past creating: the run is under way in it.
        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    /// <summary>A job whose one test sleeps two minutes, then fails: the sandbox is busy long after the signal.</summary>
    private string SleepingJob() => _jobs.Of(new Dictionary<string, string>(SleepingFiles) { [".wand.yml"] = "language: python\ntimeoutSeconds: 300\n" });

    private static readonly Dictionary<string, string> SleepingFiles = new()
    {
        ["slow.py"] = "def add(a, b):\n    return a - b\n",
        ["test_slow.py"] = "import time\nfrom slow import add\n\n\ndef test_add():\n    time.sleep(120)\n    assert add(1, 2) == 3\n",
    };
}
