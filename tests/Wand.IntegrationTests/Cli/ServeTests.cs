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
            // A task hub of its own, so its listings hold only this class's repairs.
            ["Wand:Engine:TaskHub"] = AzuriteFixture.NewTaskHub(),
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
        var view = await ApiPolling.UntilEndedAsync(_http, $"/api/repairs/{id}", TimeSpan.FromMinutes(3));
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

    [Fact]
    public async Task Get_WhileTheRepairRuns_Is202WithLocationAndRetryAfter_ThenA200WithTheOutcome()
    {
        var id = await PostAsync(SlowJob(seconds: 3));

        var first = await _http.GetAsync($"/api/repairs/{id}");
        var answers = new List<HttpStatusCode> { first.StatusCode };
        var last = first;
        while (last.StatusCode == HttpStatusCode.Accepted)
        {
            Assert.Equal($"/api/repairs/{id}", last.Headers.Location!.ToString());
            Assert.Equal(TimeSpan.FromSeconds(5), last.Headers.RetryAfter!.Delta);
            Assert.NotEqual("completed", (await last.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
            await Task.Delay(250);
            last = await _http.GetAsync($"/api/repairs/{id}");
            answers.Add(last.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Accepted, answers[0]);
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Null(last.Headers.RetryAfter);
        Assert.Equal("completed", (await last.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_PagesWithAContinuationToken_UntilEveryRepairIsSeenOnce()
    {
        var posted = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            posted.Add(await PostAsync(PassingJob(i)));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/repairs?pageSize=2");
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            var page = await _http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var items = (await page.Content.ReadFromJsonAsync<JsonArray>())!;
            Assert.True(items.Count <= 2, $"a page of {items.Count} repairs, asked for 2");
            seen.AddRange(items.Select(v => v!["id"]!.GetValue<string>()));
            token = page.Headers.TryGetValues("x-ms-continuation-token", out var next) ? next.Single() : null;
            Assert.True(++pages < 50, "the pages did not end");
        }
        while (token is not null);

        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Superset(posted.ToHashSet(), seen.ToHashSet());
        Assert.True(pages >= 2, $"{seen.Count} repairs came in {pages} page(s) of at most 2");
        var bad = await _http.GetAsync("/api/repairs?pageSize=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("pageSize '0' must be a whole number from 1 to 1000", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<string> PostAsync(JsonObject job)
    {
        var posted = await _http.PostAsJsonAsync("/api/repairs", job);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        return (await posted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    private static JsonObject SlowJob(int seconds) => new()
    {
        ["generator"] = "search",
        ["files"] = new JsonArray(
            new JsonObject { ["path"] = "slow.py", ["content"] = "def add(a, b):\n    return a + b\n" },
            new JsonObject { ["path"] = "test_slow.py", ["content"] = $"import time\nfrom slow import add\n\ndef test_add():\n    time.sleep({seconds})\n    assert add(1, 2) == 3\n" }),
    };

    private static JsonObject PassingJob(int n) => new()
    {
        ["generator"] = "search",
        ["files"] = new JsonArray(
            new JsonObject { ["path"] = "one.py", ["content"] = $"def one():\n    return {n}\n" },
            new JsonObject { ["path"] = "test_one.py", ["content"] = $"from one import one\n\ndef test_one():\n    assert one() == {n}\n" }),
    };

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
        var view = await ApiPolling.UntilEndedAsync(_http, $"/api/repairs/{id}", TimeSpan.FromMinutes(3));
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
}
