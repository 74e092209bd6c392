using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Wand.Fixtures;
using Wand.Functions.GitHub;
using Wand.GitHub;

namespace Wand.Functions;

/// <summary>
/// The Functions app's webhook trigger over the same Core code, called as the worker calls it
/// (an ASP.NET Core request, a Durable Task client; here the local engine's): the headers it reads,
/// the answers it gives.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class GitHubFunctionsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Secret = "functions-webhook-secret";
    private RepairHost _host = null!;

    public async Task InitializeAsync() => _host = await RepairHost.StartAsync(azurite.ConnectionString, new Uri("http://127.0.0.1:9/v1"), new Dictionary<string, string?>
    {
        ["Wand:GitHub:WebhookSecret"] = Secret,
        ["Wand:GitHub:Token"] = "github_pat_functions",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Webhook_ASignedLabelDelivery_Is202AndSchedulesTheFix()
    {
        var payload = JsonNode.Parse(File.ReadAllText(GitHubPayloadExamples.PathOf("pull_request.labeled.payload.json")))!;
        payload["label"]!["name"] = "wand";

        var result = await WebhookAsync("pull_request", "6a1b2c3d-0000-4000-8000-000000000001", payload.ToJsonString(), sign: true);

        Assert.Equal(StatusCodes.Status202Accepted, result.StatusCode);
        Assert.Equal("application/json", result.ContentType);
        Assert.Equal("scheduled", JsonNode.Parse(result.Content!)!["status"]!.GetValue<string>());
        var state = await _host.Client.GetInstanceAsync("github-6a1b2c3d-0000-4000-8000-000000000001");
        Assert.Equal(PullRequestFixOrchestrator.Name, state!.Name);
        // Nothing answers for Codertocat/Hello-World here: end it rather than let it retry.
        await _host.Client.TerminateInstanceAsync(state.InstanceId, "test over");
    }

    [Fact]
    public async Task Webhook_AForgedSignature_Is401ProblemJson()
    {
        var result = await WebhookAsync("ping", "6a1b2c3d-0000-4000-8000-000000000002", "{\"zen\": \"Keep it logically awesome.\"}", sign: false);

        Assert.Equal(StatusCodes.Status401Unauthorized, result.StatusCode);
        Assert.Equal("application/problem+json", result.ContentType);
        Assert.Contains(WebhookSignature.Header, JsonNode.Parse(result.Content!)!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_APing_Is200Ignored()
    {
        var result = await WebhookAsync("ping", "6a1b2c3d-0000-4000-8000-000000000003", "{\"zen\": \"Keep it logically awesome.\"}", sign: true);

        Assert.Equal(StatusCodes.Status200OK, result.StatusCode);
        Assert.Equal("ping: the webhook is set up", JsonNode.Parse(result.Content!)!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Webhook_ACapturedSignedBodyUnderANewDeliveryId_IsADuplicateAndSchedulesNothing()
    {
        var payload = JsonNode.Parse(File.ReadAllText(GitHubPayloadExamples.PathOf("pull_request.labeled.payload.json")))!;
        payload["label"]!["name"] = "wand";
        payload["number"] = 4711;
        var captured = payload.ToJsonString();
        const string first = "6a1b2c3d-0000-4000-8000-000000000011";
        const string replayed = "6a1b2c3d-0000-4000-8000-000000000012";

        var original = await WebhookAsync("pull_request", first, captured, sign: true);
        await _host.Client.TerminateInstanceAsync($"github-{first}", "test over");
        var replay = await WebhookAsync("pull_request", replayed, captured, sign: true);

        Assert.Equal(StatusCodes.Status202Accepted, original.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, replay.StatusCode);
        var answer = JsonNode.Parse(replay.Content!)!;
        Assert.Equal("duplicate", answer["status"]!.GetValue<string>());
        Assert.Equal($"github-{first}", answer["id"]!.GetValue<string>());
        Assert.Contains($"delivered before as {first}", answer["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(await _host.Client.GetInstanceAsync($"github-{replayed}"));
    }

    [Fact]
    public async Task Webhook_AFormEncodedDelivery_Is415NamingTheContentType()
    {
        var result = await WebhookAsync("ping", "6a1b2c3d-0000-4000-8000-000000000013", "payload=%7B%7D", sign: true, contentType: "application/x-www-form-urlencoded");

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, result.StatusCode);
        Assert.Equal("application/problem+json", result.ContentType);
        Assert.Contains("application/x-www-form-urlencoded", JsonNode.Parse(result.Content!)!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<ContentResult> WebhookAsync(string eventName, string delivery, string body, bool sign, string contentType = "application/json")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.ContentType = contentType;
        http.Request.Body = new MemoryStream(bytes);
        http.Request.ContentLength = bytes.Length;
        http.Request.Headers["X-GitHub-Event"] = eventName;
        http.Request.Headers["X-GitHub-Delivery"] = delivery;
        http.Request.Headers["X-Hub-Signature-256"] = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(sign ? Secret : "forged"), bytes));
        var function = ActivatorUtilities.CreateInstance<GitHubFunctions>(_host.Services);
        return Assert.IsType<ContentResult>(await function.Webhook(http.Request, _host.Client));
    }
}
