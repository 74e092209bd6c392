using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Wand.Cli.Serve;
using Wand.Fixtures;

namespace Wand.Cli;

/// <summary>`wand serve`'s repair API on Kestrel at 127.0.0.1, with real Docker and Azurite, no LLM (the search generator).</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ServeTests(AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private const string Key = "test-api-key";
    private ServeHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await ServeHost.StartAsync("http://127.0.0.1:0", Key, new Dictionary<string, string?>
        {
            ["Wand:Storage:ConnectionString"] = azurite.ConnectionString,
        }, CancellationToken.None);
        _http = new HttpClient { BaseAddress = new Uri(_host.Addresses[0]) };
        _http.DefaultRequestHeaders.Add("x-functions-key", Key);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task PostThenGet_SearchRepairsAJob_ReportsAndArtifactsAreServed()
    {
        var folder = RepositoryPaths.Samples("bugs/py-running-max");
        var body = new JsonObject
        {
            ["generator"] = "search",
            ["files"] = new JsonArray([.. Directory.GetFiles(folder).Select(f => (JsonNode)new JsonObject { ["path"] = Path.GetFileName(f), ["content"] = File.ReadAllText(f) })]),
        };

        var posted = await _http.PostAsJsonAsync("/api/repairs", body);

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var id = (await posted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        Assert.Equal($"/api/repairs/{id}", posted.Headers.Location!.ToString());
        var view = await WaitForEndAsync(id);
        Assert.Equal("completed", view["status"]!.GetValue<string>());
        Assert.Equal("repaired", view["result"]!["status"]!.GetValue<string>());
        var html = await _http.GetAsync(view["artifacts"]!["report.html"]!.GetValue<string>());
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Repaired", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var diff = await _http.GetStringAsync(view["artifacts"]!["best.diff"]!.GetValue<string>());
        // The search offers one of the edits that pass; which one can depend on what timed out on a loaded machine.
        Assert.Contains("+        if best is None or v", diff, StringComparison.Ordinal);

        var completed = await _http.GetFromJsonAsync<JsonArray>("/api/repairs?status=completed");
        Assert.Contains(completed!, v => v!["id"]!.GetValue<string>() == id);
        var cancel = await _http.DeleteAsync($"/api/repairs/{id}");
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
    }

    [Theory]
    [InlineData("{ \"files\": [", "the body is not a repair job")]
    [InlineData("{ \"files\": [{ \"path\": \"a.py\", \"content\": \"x\" }], \"language\": \"cobol\" }", "unknown language 'cobol'")]
    [InlineData("{ \"files\": [{ \"path\": \"/etc/passwd.py\", \"content\": \"x\" }] }", "must be relative")]
    [InlineData("{ \"files\": [{ \"path\": \"a.py\", \"content\": \"x\" }], \"generator\": \"llm\" }", "the llm generator needs an LLM endpoint")]
    public async Task Post_BadInput_IsAProblemThatNamesIt(string body, string detail)
    {
        var answer = await _http.PostAsync("/api/repairs", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType!.MediaType);
        Assert.Contains(detail, (await answer.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_WithoutTheKeyOrForUnknownIds_AreRefused()
    {
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/repairs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/repairs?code=wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/repairs?code={Key}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/repairs/20260101-000000-00000000")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.DeleteAsync("/api/repairs/20260101-000000-00000000")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.GetAsync("/api/repairs?status=sleeping")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/repairs/20260101-000000-00000000/artifacts/report.html")).StatusCode);
    }

    [Fact]
    public async Task Delete_WhileTheJobRuns_CancelsIt()
    {
        var body = new JsonObject
        {
            ["generator"] = "search",
            ["timeoutSeconds"] = 30,
            ["files"] = new JsonArray(
                new JsonObject { ["path"] = "slow.py", ["content"] = "def add(a, b):\n    return a - b\n" },
                new JsonObject { ["path"] = "test_slow.py", ["content"] = "import time\nfrom slow import add\n\ndef test_add():\n    time.sleep(3)\n    assert add(1, 2) == 3\n" }),
        };
        var id = (await (await _http.PostAsJsonAsync("/api/repairs", body)).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        while ((await _http.GetFromJsonAsync<JsonObject>($"/api/repairs/{id}"))!["status"]!.GetValue<string>() == "pending")
        {
            await Task.Delay(100);
        }

        var cancel = await _http.DeleteAsync($"/api/repairs/{id}");

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("canceling", (await cancel.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        var view = await WaitForEndAsync(id);
        Assert.Equal("canceled", view["status"]!.GetValue<string>());
        Assert.Null(view["result"]);
        Assert.Equal(HttpStatusCode.Conflict, (await _http.DeleteAsync($"/api/repairs/{id}")).StatusCode);
        // The sandbox run the job had started ends on its own; nothing is left behind.
        await WaitForNoSandboxesAsync();
    }

    private async Task WaitForNoSandboxesAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (await DockerFixture.CountUsedSandboxContainersAsync(_host.Services) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the canceled job's sandbox containers were left running");
            await Task.Delay(250);
        }
    }

    private async Task<JsonObject> WaitForEndAsync(string id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var view = (await _http.GetFromJsonAsync<JsonObject>($"/api/repairs/{id}"))!;
            if (view["status"]!.GetValue<string>() is "completed" or "failed" or "canceled" || DateTime.UtcNow > deadline)
            {
                return view;
            }

            await Task.Delay(250);
        }
    }
}
