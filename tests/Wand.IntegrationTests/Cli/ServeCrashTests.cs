using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Wand.Fixtures;

namespace Wand.Cli;

/// <summary>
/// `wand serve` killed with SIGKILL in the middle of its work, as a crash or an OOM kill would end
/// it, then started again on the same storage: its own Azurite, kept in a data folder, which the
/// killed server left running. The next server stops that orphan, takes the killed one's
/// partitions of the task hub once their leases run out, and finishes everything accepted.
/// </summary>
[Collection(DurableEngineCollection.Name)]
public sealed class ServeCrashTests(DockerFixture docker) : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("wand-serve-crash-");
    private readonly string _owner = Guid.NewGuid().ToString("N");

    public void Dispose() => _data.Delete(recursive: true);

    [Fact]
    public async Task KilledServe_TheNextOneOnTheSameData_FinishesTheRepairAndTheBatchItHadAccepted()
    {
        string repairId, batchId = $"crash-{_owner[..8]}", orphan;
        await using (var first = WandProcess.Start(Settings(), "serve", "--urls", "http://127.0.0.1:0"))
        {
            using var http = new HttpClient { BaseAddress = await first.ListeningAddressAsync() };
            var posted = await http.PostAsJsonAsync("/api/repairs", SlowJob("add"));
            Assert.Equal(System.Net.HttpStatusCode.Accepted, posted.StatusCode);
            repairId = (await posted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
            var batch = new JsonObject { ["id"] = batchId, ["jobs"] = new JsonArray(SlowJob("plus"), SlowJob("sum")) };
            Assert.Equal(System.Net.HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/batches", batch)).StatusCode);
            await WaitForSandboxAsync(first);
            orphan = File.ReadAllText(Path.Combine(_data.FullName, "wand", "azurite", "wand-owner")).Split(' ')[1];

            await first.SignalAsync("KILL");
            await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        await using var second = WandProcess.Start(Settings(), "serve", "--urls", "http://127.0.0.1:0");
        using var client = new HttpClient { BaseAddress = await second.ListeningAddressAsync() };
        Assert.False(Directory.Exists($"/proc/{orphan}"), "the killed server's Azurite still runs beside the new one's");

        var repair = await ApiPolling.UntilEndedAsync(client, $"/api/repairs/{repairId}", TimeSpan.FromMinutes(4), () => second.StdoutSoFar);
        var batchView = await ApiPolling.UntilEndedAsync(client, $"/api/batches/{batchId}", TimeSpan.FromMinutes(4), () => second.StdoutSoFar);

        Assert.True(repair["status"]!.GetValue<string>() == "completed", $"{repair.ToJsonString()}\n{second.StdoutSoFar}");
        Assert.True(repair["result"]!["status"]!.GetValue<string>() == "repaired", repair.ToJsonString());
        Assert.Contains("Repaired", await client.GetStringAsync(repair["artifacts"]!["report.html"]!.GetValue<string>()), StringComparison.Ordinal);
        Assert.True(batchView["status"]!.GetValue<string>() == "completed", $"{batchView.ToJsonString()}\n{second.StdoutSoFar}");
        Assert.Equal(2, batchView["summary"]!["repaired"]!.GetValue<int>());
    }

    [Fact]
    public async Task ASecondServeOnTheDataALiveOneUses_IsRefusedNamingIt()
    {
        await using var first = WandProcess.Start(Settings(), "serve", "--urls", "http://127.0.0.1:0");
        await first.ListeningAddressAsync();

        await using var second = WandProcess.Start(Settings(), "serve", "--urls", "http://127.0.0.1:0");
        var refused = await second.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.Environment, refused.ExitCode);
        Assert.Contains($"the Azurite data in {Path.Combine(_data.FullName, "wand", "azurite")} is in use by process", refused.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Output, StringComparison.Ordinal);
        // The first one still answers, its Azurite untouched.
        using var http = new HttpClient { BaseAddress = await first.ListeningAddressAsync() };
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/api/repairs")).StatusCode);
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["XDG_DATA_HOME"] = _data.FullName,
        ["Wand__Sandbox__Owner"] = _owner,
        // The killed server's messages come back after this; its leases after about 40 s.
        ["Wand__Engine__MessageVisibility"] = "00:00:15",
    };

    /// <summary>A search job whose test sleeps, so the server is killed while it works.</summary>
    private static JsonObject SlowJob(string name) => new()
    {
        ["generator"] = "search",
        ["files"] = new JsonArray(
            new JsonObject { ["path"] = $"{name}.py", ["content"] = "def add(a, b):\n    return a - b\n" },
            new JsonObject { ["path"] = $"test_{name}.py", ["content"] = $"import time\nfrom {name} import add\n\ndef test_add():\n    time.sleep(2)\n    assert add(1, 2) == 3\n" }),
    };

    private async Task WaitForSandboxAsync(WandProcess.Running serve)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (await docker.CountSandboxContainersOfAsync(_owner) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"wand serve made no sandbox within 2 minutes:\n{serve.StdoutSoFar}");
            await Task.Delay(200);
        }
    }
}
