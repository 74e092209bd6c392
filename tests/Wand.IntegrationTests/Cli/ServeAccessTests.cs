using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Wand.Cli.Serve;
using Wand.Fixtures;

namespace Wand.Cli;

/// <summary>
/// Whom `wand serve` answers, over real Kestrel on 127.0.0.1, as a hostile web page or a
/// careless caller would try it: with no API key, only requests addressed to this machine and
/// JSON bodies; with a key, whoever has it, JSON bodies still. Everything refused is
/// problem+json whose detail names the problem.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ServeAccessTests(AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private const string Key = "access-test-key";
    private const string AJob = """{ "files": [{ "path": "a.py", "content": "x = 1\n" }, { "path": "test_a.py", "content": "def test_a():\n    assert True\n" }], "generator": "search" }""";

    private ServeHost _open = null!;
    private ServeHost _keyed = null!;
    private HttpClient _http = null!;
    private HttpClient _keyedHttp = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Wand:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Wand:Engine:TaskHub"] = AzuriteFixture.NewTaskHub(),
        };
        _open = await ServeHost.StartAsync("http://127.0.0.1:0", null, settings, CancellationToken.None);
        _keyed = await ServeHost.StartAsync("http://127.0.0.1:0", Key, settings, CancellationToken.None);
        _http = new HttpClient { BaseAddress = new Uri(_open.Addresses[0]) };
        _keyedHttp = new HttpClient { BaseAddress = new Uri(_keyed.Addresses[0]) };
    }

    public async Task DisposeAsync()
    {
        await _open.DisposeAsync();
        await _keyed.DisposeAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        _keyedHttp.Dispose();
    }

    [Theory]
    [InlineData("GET", "/api/repairs")]
    [InlineData("GET", "/api/health")]
    [InlineData("GET", "/api/no-such-route")]
    [InlineData("POST", "/api/repairs")]
    public async Task NoKey_ADnsRebindingPagesHost_Is421NamingIt(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? Json(AJob) : null };
        request.Headers.Host = "evil.example:7071";

        var answer = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MisdirectedRequest, answer.StatusCode);
        Assert.Contains("'evil.example:7071'", await DetailAsync(answer), StringComparison.Ordinal);
        Assert.Empty((await _http.GetFromJsonAsync<JsonArray>("/api/repairs"))!);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:{port}")]
    [InlineData("127.0.0.1:{port}")]
    [InlineData("[::1]:{port}")]
    public async Task NoKey_LoopbackHosts_AreServed(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/repairs");
        request.Headers.Host = host.Replace("{port}", _http.BaseAddress!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var answer = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Fact]
    public async Task NoKey_TheWebhookUnderATunnelsHost_IsLeftToItsSignature()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/github/webhook") { Content = Json("{}") };
        request.Headers.Host = "wand-dev.trycloudflare.com";

        var answer = await _http.SendAsync(request);

        // Not 421: past the Host check, the webhook answers that it has no secret to check signatures with.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Contains("WebhookSecret", await DetailAsync(answer), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/repairs", "text/plain")]
    [InlineData("/api/repairs", "text/plain; charset=utf-8")]
    [InlineData("/api/repairs", "application/x-www-form-urlencoded")]
    [InlineData("/api/repairs", "multipart/form-data; boundary=b")]
    [InlineData("/api/repairs", null)]
    [InlineData("/api/batches", "text/plain")]
    [InlineData("/api/github/webhook", "text/plain")]
    public async Task NoKey_ACrossSitePostThatNeedsNoPreflight_Is415AndStartsNothing(string path, string? contentType)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(path == "/api/batches" ? $$"""{ "jobs": [{{AJob}}] }""" : AJob));
        if (contentType is not null)
        {
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        var answer = await _http.PostAsync(path, content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.StatusCode);
        Assert.Contains("Content-Type: application/json", await DetailAsync(answer), StringComparison.Ordinal);
        Assert.Empty((await _http.GetFromJsonAsync<JsonArray>("/api/repairs"))!);
    }

    [Fact]
    public async Task NoKey_JsonWithACharset_PassesTheContentTypeCheck()
    {
        var answer = await _http.PostAsync("/api/repairs", new StringContent("{ \"files\": [", Encoding.UTF8, "application/json"));

        // Past the check, the body itself is what is wrong.
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("the body is not a repair job", await DetailAsync(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoKey_HealthAndItsDetails_AreServedToThisMachine()
    {
        var status = await _http.GetAsync("/api/health");
        var details = await _http.GetAsync("/api/health/details");

        var statusBody = (await status.Content.ReadFromJsonAsync<JsonObject>())!;
        var detailsBody = (await details.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("status", Assert.Single(statusBody).Key);
        Assert.Equal(statusBody["status"]!.GetValue<string>(), detailsBody["status"]!.GetValue<string>());
        Assert.Equal(statusBody["status"]!.GetValue<string>() == "healthy" ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable, status.StatusCode);
        Assert.Contains(detailsBody["checks"]!.AsArray(), c => c!["name"]!.GetValue<string>() == "docker");
    }

    [Theory]
    [InlineData("GET", "/api/no-such-route", 404, "nothing answers GET /api/no-such-route")]
    [InlineData("PUT", "/api/repairs", 405, "the route does not take PUT")]
    [InlineData("PATCH", "/api/health", 405, "the route does not take PATCH")]
    public async Task Unanswered_IsProblemJsonWhoseDetailNamesIt(string method, string path, int status, string detail)
    {
        var answer = await _http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json("{}") });

        Assert.Equal(status, (int)answer.StatusCode);
        Assert.Contains(detail, await DetailAsync(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithKey_TheKeyIsTheAuthenticationUnderAnyHost()
    {
        using var without = new HttpRequestMessage(HttpMethod.Get, "/api/repairs");
        using var with = new HttpRequestMessage(HttpMethod.Get, "/api/repairs");
        without.Headers.Host = with.Headers.Host = "wand.internal.example:7071";
        with.Headers.Add(ServeAccess.KeyHeader, Key);

        var refused = await _keyedHttp.SendAsync(without);
        var served = await _keyedHttp.SendAsync(with);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains(ServeAccess.KeyHeader, await DetailAsync(refused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task WithKey_APostThatIsNotJson_Is415EvenWithTheKey()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/repairs") { Content = new StringContent(AJob, Encoding.UTF8, "text/plain") };
        request.Headers.Add(ServeAccess.KeyHeader, Key);

        var answer = await _keyedHttp.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.StatusCode);
        Assert.Contains("not 'text/plain; charset=utf-8'", await DetailAsync(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithKey_HealthIsAnonymousButItsDetailsNeedTheKey()
    {
        var status = await _keyedHttp.GetAsync("/api/health");
        var anonymousDetails = await _keyedHttp.GetAsync("/api/health/details");
        var details = await _keyedHttp.GetAsync($"/api/health/details?code={Key}");

        Assert.Equal("status", Assert.Single((await status.Content.ReadFromJsonAsync<JsonObject>())!).Key);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousDetails.StatusCode);
        Assert.DoesNotContain("docker", await anonymousDetails.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(status.StatusCode, details.StatusCode);
        Assert.NotEmpty((await details.Content.ReadFromJsonAsync<JsonObject>())!["checks"]!.AsArray());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<string> DetailAsync(HttpResponseMessage answer)
    {
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        return (await answer.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>();
    }
}
