using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Wand.Cli.Serve;
using Wand.Fixtures;
using Wand.Jobs;
using Wand.Repair;

namespace Wand.GitHub;

/// <summary>
/// The GitHub webhook end to end through `wand serve`: deliveries as GitHub sends them (the
/// shared payload examples, signed here), real git repositories served by git-http-backend, a
/// loopback GitHub REST API, real Docker and Azurite, and the search generator (no LLM).
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class PullRequestFixTests(DockerFixture docker, AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private const string Secret = "webhook-secret-for-tests";
    private const string Owner = "octo-org";
    private const string Name = "maxes";
    private const string ForkOwner = "fork-user";
    private const long AppId = 4242;
    private const long InstallationId = 77;

    private const string Fixed = "        if best is None or v > best:";
    private const string Broken = "        if best is None or v < best:";

    private readonly RSA _appKey = RSA.Create(2048);
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("wand-github-tests-");
    private readonly string _taskHub = AzuriteFixture.NewTaskHub();
    private GitHttpServer _git = null!;
    private LoopbackGitHub _github = null!;
    private ServeHost? _host;
    private HttpClient _http = null!;

    private DurableTaskClient Client => _host!.Services.GetRequiredService<DurableTaskClient>();

    public async Task InitializeAsync()
    {
        _git = await GitHttpServer.StartAsync();
        _github = await LoopbackGitHub.StartAsync(_git, AppId, _appKey);
        await StartWandAsync(AppCredentials());
    }

    /// <summary>The test's GitHub App: its id and private key.</summary>
    private Dictionary<string, string?> AppCredentials() => new()
    {
        ["Wand:GitHub:AppId"] = AppId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Wand:GitHub:PrivateKey"] = _appKey.ExportRSAPrivateKeyPem(),
    };

    /// <summary>`wand serve` with the webhook's secret, the loopback API and <paramref name="settings"/> (an App or a token, and any other), in place of the one running.</summary>
    private async Task StartWandAsync(Dictionary<string, string?> settings)
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _http.Dispose();
        }

        _host = await ServeHost.StartAsync("http://127.0.0.1:0", "the-api-key-github-does-not-send", new Dictionary<string, string?>(settings)
        {
            ["Wand:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Wand:Repair:Generator"] = "Search",
            ["Wand:GitHub:WebhookSecret"] = Secret,
            ["Wand:GitHub:ApiUrl"] = _github.ApiUrl.AbsoluteUri,
            ["Wand:Engine:TaskHub"] = _taskHub,
            // A host started again takes its predecessor's partitions at once under the same id.
            ["Wand:Engine:WorkerId"] = _taskHub,
            ["Wand:Engine:MessageVisibility"] = "00:00:15",
        }, CancellationToken.None);
        _http = new HttpClient { BaseAddress = new Uri(_host.Addresses[0]) };
    }

    public async Task DisposeAsync()
    {
        await _host!.DisposeAsync();
        await _github.DisposeAsync();
        await _git.DisposeAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        _appKey.Dispose();
        _scratch.Delete(recursive: true);
    }

    [Fact]
    public async Task FixCommand_OnAPullRequestFromTheSameRepository_IsAnsweredAtOnceAndPushesACommitThatMakesItsTestsPass()
    {
        var bare = CreateRepository(Name, withSettings: true);
        var head = OpenPullRequest(1, "faster-max", BrokenMax);

        var started = DateTime.UtcNow;
        var answer = await DeliverAsync("issue_comment", FixComment(1), "d0e1f2a3-0000-4000-8000-000000000001");
        var answeredIn = DateTime.UtcNow - started;

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.True(answeredIn < TimeSpan.FromSeconds(1), $"GitHub gives up after 10 s; the webhook took {answeredIn.TotalMilliseconds:0} ms");
        var outcome = await WaitForFixAsync("d0e1f2a3-0000-4000-8000-000000000001");
        AssertStatus(PullRequestFixStatus.Pushed, outcome);
        var pushed = GitRepositories.Head(bare, "refs/heads/faster-max");
        Assert.Equal(outcome.CommitSha, pushed);
        // By the App's bot account, as GitHub attributes its commits (GET /app, GET /users/wand[bot]).
        Assert.Equal($"{head} wand[bot] {BotEmail}", GitRepositories.Describe(bare, pushed, "%P %an %ae"));
        Assert.DoesNotContain(Broken, GitRepositories.Show(bare, pushed, "maxes.py"), StringComparison.Ordinal);
        var again = await docker.Runner.RunAsync(JobFolder.Load(GitRepositories.Checkout(bare, pushed, _scratch.FullName)), CancellationToken.None);
        Assert.True(again.AllPassed, $"the pushed commit's tests: {again.Passed} passed, {again.Failed} failed");

        var run = Assert.Single(_github.Items($"repos/{Owner}/{Name}/check-runs"));
        Assert.Equal(head, run["head_sha"]!.GetValue<string>());
        Assert.Equal("completed", run["status"]!.GetValue<string>());
        Assert.Equal("success", run["conclusion"]!.GetValue<string>());
        // On the lines: where the head's tests failed, and what the fix changes.
        var annotations = run["output"]!["annotations"]!.AsArray().Select(a => a!.AsObject()).ToList();
        Assert.Contains(annotations, a => a["annotation_level"]!.GetValue<string>() == "failure" && a["path"]!.GetValue<string>() == "test_maxes.py"
            && a["title"]!.GetValue<string>().EndsWith(" fails", StringComparison.Ordinal));
        var change = Assert.Single(annotations, a => a["annotation_level"]!.GetValue<string>() == "notice");
        Assert.Equal(("maxes.py", 8, 8), (change["path"]!.GetValue<string>(), change["start_line"]!.GetValue<int>(), change["end_line"]!.GetValue<int>()));
        Assert.Contains(Fixed, change["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var comment = Assert.Single(_github.Items($"repos/{Owner}/{Name}/issues/1/comments"));
        Assert.Contains($"pushed fix {pushed[..7]} to `faster-max`", comment["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains($"```diff\n--- a/maxes.py\n+++ b/maxes.py\n", comment["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("-" + Broken, comment["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(_github.Items($"repos/{Owner}/{Name}/pulls/1/reviews"));
        // Git and the API saw the installation token the App's JWT bought, never anything else.
        Assert.NotEmpty(_git.TokensSeen);
        Assert.All(_git.TokensSeen, t => Assert.StartsWith($"ghs_{InstallationId}_", t, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FixCommand_WhoseWandServeIsKilledMidway_IsFinishedByTheNextServeOnTheSameStorage()
    {
        var bare = CreateRepository(Name, withSettings: true);
        // Pull request 21: a body no other test delivers, which the replay guard would answer 200.
        OpenPullRequest(21, "faster-max", BrokenMax);
        // `wand serve` as a process, on a task hub of its own (not the one of this class's host).
        var owner = Guid.NewGuid().ToString("N");
        var settings = new Dictionary<string, string?>
        {
            ["Wand__Storage__ConnectionString"] = azurite.ConnectionString,
            ["Wand__Engine__TaskHub"] = AzuriteFixture.NewTaskHub(),
            ["Wand__Engine__MessageVisibility"] = "00:00:15",
            ["Wand__Sandbox__Owner"] = owner,
            ["Wand__Repair__Generator"] = "Search",
            ["Wand__GitHub__WebhookSecret"] = Secret,
            ["Wand__GitHub__ApiUrl"] = _github.ApiUrl.AbsoluteUri,
            ["Wand__GitHub__AppId"] = AppId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Wand__GitHub__PrivateKey"] = _appKey.ExportRSAPrivateKeyPem(),
        };
        await using (var first = WandProcess.Start(settings, "serve", "--urls", "http://127.0.0.1:0", "--api-key", "not-github's"))
        {
            using var http = new HttpClient { BaseAddress = await first.ListeningAddressAsync() };
            Assert.Equal(HttpStatusCode.Accepted, (await DeliverAsync("issue_comment", FixComment(21), "d0e1f2a3-0000-4000-8000-0000000000c1", to: http)).StatusCode);
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (await docker.CountSandboxContainersOfAsync(owner) == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, $"wand serve made no sandbox for the fix within 2 minutes:\n{first.StdoutSoFar}");
                await Task.Delay(200);
            }

            await first.SignalAsync("KILL");
            await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Empty(_github.Items($"repos/{Owner}/{Name}/issues/21/comments"));
        await using var second = WandProcess.Start(settings, "serve", "--urls", "http://127.0.0.1:0", "--api-key", "not-github's");
        await second.ListeningAddressAsync();
        var done = DateTime.UtcNow.AddMinutes(4);
        while (_github.Items($"repos/{Owner}/{Name}/check-runs").SingleOrDefault()?["status"]?.GetValue<string>() != "completed")
        {
            Assert.True(DateTime.UtcNow < done, $"the fix did not end within 4 minutes of the restart:\n{second.StdoutSoFar}");
            await Task.Delay(500);
        }

        Assert.Equal("success", Assert.Single(_github.Items($"repos/{Owner}/{Name}/check-runs"))["conclusion"]!.GetValue<string>());
        await AssertFixPassesAsync(GitRepositories.Show(bare, GitRepositories.Head(bare, "refs/heads/faster-max"), "maxes.py"));
        Assert.Contains("pushed fix", Assert.Single(_github.Items($"repos/{Owner}/{Name}/issues/21/comments"))["body"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WandLabel_OnAForkThatMaintainersMayNotEdit_SuggestsTheFixInAReviewAndPushesNothing()
    {
        var bare = CreateRepository(Name, withSettings: true);
        var fork = _git.BarePath(ForkOwner, Name);
        GitRepositories.Fork(bare, fork);
        var head = OpenPullRequest(2, "patch-1", BrokenMax, headOwner: ForkOwner);
        var baseHeads = GitRepositories.Run(bare, "for-each-ref");

        var answer = await DeliverAsync("pull_request", Labeled(2, "wand"), "d0e1f2a3-0000-4000-8000-000000000002");

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var outcome = await WaitForFixAsync("d0e1f2a3-0000-4000-8000-000000000002");
        AssertStatus(PullRequestFixStatus.Suggested, outcome);
        Assert.Equal(head, GitRepositories.Head(fork, "refs/heads/patch-1"));
        Assert.Equal(baseHeads, GitRepositories.Run(bare, "for-each-ref"));
        var review = Assert.Single(_github.Items($"repos/{Owner}/{Name}/pulls/2/reviews"));
        Assert.Equal("COMMENT", review["event"]!.GetValue<string>());
        Assert.Equal(head, review["commit_id"]!.GetValue<string>());
        var suggestion = Assert.Single(review["comments"]!.AsArray())!;
        Assert.Equal("maxes.py", suggestion["path"]!.GetValue<string>());
        Assert.Equal(8, suggestion["line"]!.GetValue<int>());
        Assert.Equal("RIGHT", suggestion["side"]!.GetValue<string>());
        Assert.Null(suggestion["start_line"]);
        await AssertSuggestionFixesAsync(GitRepositories.Show(fork, head, "maxes.py"), suggestion);
        Assert.Equal("success", Assert.Single(_github.Items($"repos/{Owner}/{Name}/check-runs"))["conclusion"]!.GetValue<string>());
        Assert.Contains("suggested the fix in a review", Assert.Single(_github.Items($"repos/{Owner}/{Name}/issues/2/comments"))["body"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FixCommand_OnAForkWhoseFixLiesOutsideItsDiff_PostsTheDiffInTheCommentWhenGitHubRefusesTheSuggestion()
    {
        // Main has the defect and no test that shows it; the fork's pull request adds the tests.
        var bare = _git.BarePath(Owner, Name);
        GitRepositories.Create(bare, new Dictionary<string, string>
        {
            ["maxes.py"] = Sample("maxes.py"),
            ["test_maxes.py"] = "from maxes import running_max\n\n\ndef test_empty():\n    assert running_max([]) == []\n",
            [".wand.yml"] = "language: python\neditable: [\"maxes.py\"]\n",
        });
        GitRepositories.Fork(bare, _git.BarePath(ForkOwner, Name));
        var head = OpenPullRequest(10, "more-tests", new Dictionary<string, string> { ["test_maxes.py"] = Sample("test_maxes.py") }, headOwner: ForkOwner);

        await DeliverAsync("issue_comment", FixComment(10), "d0e1f2a3-0000-4000-8000-00000000000d");
        var outcome = await WaitForFixAsync("d0e1f2a3-0000-4000-8000-00000000000d");

        AssertStatus(PullRequestFixStatus.Suggested, outcome);
        Assert.Contains("GitHub refused it as review suggestions", outcome.Summary, StringComparison.Ordinal);
        Assert.Contains(_github.Calls, c => c.Method == "POST" && c.Path == $"repos/{Owner}/{Name}/pulls/10/reviews");
        Assert.Empty(_github.Items($"repos/{Owner}/{Name}/pulls/10/reviews"));
        Assert.Equal(head, GitRepositories.Head(_git.BarePath(ForkOwner, Name), "refs/heads/more-tests"));
        var comment = Assert.Single(_github.Items($"repos/{Owner}/{Name}/issues/10/comments"))["body"]!.GetValue<string>();
        Assert.Contains("apply the diff below", comment, StringComparison.Ordinal);
        Assert.Contains("-" + Broken, comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FixCommand_WithATokenOnAForkMaintainersMayEdit_PushesToTheForksBranchAndReportsByCommentAlone()
    {
        const string token = "github_pat_11AAAAAAA0wand0tests";
        _github.AcceptToken(token);
        await StartWandAsync(new Dictionary<string, string?> { ["Wand:GitHub:Token"] = token });
        var bare = CreateRepository(Name, withSettings: true);
        var fork = _git.BarePath(ForkOwner, Name);
        GitRepositories.Fork(bare, fork);
        var head = OpenPullRequest(4, "patch-1", BrokenMax, headOwner: ForkOwner, maintainerCanModify: true);
        var baseRefs = GitRepositories.Run(bare, "for-each-ref", "refs/heads");

        var answer = await DeliverAsync("issue_comment", FixComment(4), "d0e1f2a3-0000-4000-8000-000000000006");

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var outcome = await WaitForFixAsync("d0e1f2a3-0000-4000-8000-000000000006");
        AssertStatus(PullRequestFixStatus.Pushed, outcome);
        var pushed = GitRepositories.Head(fork, "refs/heads/patch-1");
        Assert.Equal(head, GitRepositories.Describe(fork, pushed, "%P"));
        await AssertFixPassesAsync(GitRepositories.Show(fork, pushed, "maxes.py"));
        Assert.Equal(baseRefs, GitRepositories.Run(bare, "for-each-ref", "refs/heads"));
        // GitHub lets only Apps create check runs: the token's attempt was refused, the comment reports.
        Assert.Contains(_github.Calls, c => c.Method == "POST" && c.Path.EndsWith("/check-runs", StringComparison.Ordinal));
        Assert.Empty(_github.Items($"repos/{Owner}/{Name}/check-runs"));
        Assert.Contains($"pushed fix {pushed[..7]} to `patch-1`", Assert.Single(_github.Items($"repos/{Owner}/{Name}/issues/4/comments"))["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(_git.TokensSeen, t => Assert.Equal(token, t));
        Assert.DoesNotContain(_github.Calls, c => c.Path.StartsWith("app/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FixCommand_WhenThePushIsRefused_SuggestsTheFixInAReview()
    {
        var bare = CreateRepository(Name, withSettings: true);
        var head = OpenPullRequest(5, "faster-max", BrokenMax);
        _git.RefusePushes = true;

        await DeliverAsync("issue_comment", FixComment(5), "d0e1f2a3-0000-4000-8000-000000000007");
        var outcome = await WaitForFixAsync("d0e1f2a3-0000-4000-8000-000000000007");

        AssertStatus(PullRequestFixStatus.Suggested, outcome);
        Assert.Contains("the push was refused", outcome.Summary, StringComparison.Ordinal);
        Assert.Equal(head, GitRepositories.Head(bare, "refs/heads/faster-max"));
        var review = Assert.Single(_github.Items($"repos/{Owner}/{Name}/pulls/5/reviews"));
        await AssertSuggestionFixesAsync(GitRepositories.Show(bare, head, "maxes.py"), Assert.Single(review["comments"]!.AsArray())!);
    }

    [Fact]
    public async Task Label_OnAPullRequestWhoseTestsPass_SaysSoAndChangesNothing()
    {
        var bare = CreateRepository(Name, withSettings: true);
        var head = OpenPullRequest(6, "docs", new Dictionary<string, string> { ["README.md"] = "Running maxima, explained.\n" });

        await DeliverAsync("pull_request", Labeled(6, "wand"), "d0e1f2a3-0000-4000-8000-000000000008");
        var outcome = await WaitForFixAsync("d0e1f2a3-0000-4000-8000-000000000008");

        AssertStatus(PullRequestFixStatus.AlreadyPassing, outcome);
        Assert.Equal(head, GitRepositories.Head(bare, "refs/heads/docs"));
        Assert.Empty(_github.Items($"repos/{Owner}/{Name}/pulls/6/reviews"));
        var run = Assert.Single(_github.Items($"repos/{Owner}/{Name}/check-runs"));
        Assert.Equal("success", run["conclusion"]!.GetValue<string>());
        Assert.Equal("Tests pass", run["output"]!["title"]!.GetValue<string>());
        Assert.Contains("the tests pass as they are (3 of 3 tests pass)", Assert.Single(_github.Items($"repos/{Owner}/{Name}/issues/6/comments"))["body"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivery_OfARepositoryWithoutWandYml_SaysItIsNotSetUpAndRepairsNothing_AndItsRedeliveryAndReplayAreDuplicates()
    {
        CreateRepository("plain", withSettings: false);
        OpenPullRequest(3, "topic", BrokenMax, repository: "plain");
        const string delivery = "d0e1f2a3-0000-4000-8000-000000000003";

        var first = await DeliverAsync("issue_comment", FixComment(3, "plain"), delivery);
        var outcome = await WaitForFixAsync(delivery);
        var redelivered = await DeliverAsync("issue_comment", FixComment(3, "plain"), delivery);
        // The same signed bytes under a delivery id GitHub never sent: someone replaying a captured delivery.
        var replayed = await DeliverAsync("issue_comment", FixComment(3, "plain"), "d0e1f2a3-0000-4000-8000-0000000000ff");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        AssertStatus(PullRequestFixStatus.NotSetUp, outcome);
        Assert.Null(await Client.GetInstanceAsync(outcome.JobId));
        var comment = Assert.Single(_github.Items($"repos/{Owner}/plain/issues/3/comments"));
        Assert.Contains("is not set up for Wand: it has no .wand.yml", comment["body"]!.GetValue<string>(), StringComparison.Ordinal);
        var run = Assert.Single(_github.Items($"repos/{Owner}/plain/check-runs"));
        Assert.Equal("neutral", run["conclusion"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Equal("duplicate", (await redelivered.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal("duplicate", (await replayed.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        var fixes = await Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "github-" }).ToListAsync();
        Assert.Single(fixes);
    }

    [Fact]
    public async Task FixCommand_OnAHeadWhoseWandYmlIsASymlinkOutOfTheRepository_SaysSoWithoutFollowingItOrShowingWhatItPointsAt()
    {
        // A file on the machine that runs Wand; read as the settings, the error would name its key on the pull request.
        var secret = Path.Combine(_scratch.FullName, "host-secret.yml");
        File.WriteAllText(secret, "hunter2-host-secret: yes\n");
        CreateRepository(Name, withSettings: true);
        OpenPullRequest(11, "linked", BrokenMax, links: new() { [".wand.yml"] = secret });
        const string delivery = "d0e1f2a3-0000-4000-8000-00000000000b";

        await DeliverAsync("issue_comment", FixComment(11), delivery);
        var outcome = await WaitForFixAsync(delivery);

        AssertStatus(PullRequestFixStatus.NotSetUp, outcome);
        Assert.Null(await Client.GetInstanceAsync(outcome.JobId));
        var comment = Assert.Single(_github.Items($"repos/{Owner}/{Name}/issues/11/comments"))["body"]!.GetValue<string>();
        Assert.Contains("the head of #11 cannot be repaired as it is: .wand.yml is a symbolic link", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", comment, StringComparison.Ordinal);
        Assert.DoesNotContain(_scratch.FullName, comment, StringComparison.Ordinal);
        // Nor anywhere else Wand wrote to GitHub: the check run's text included.
        Assert.All(_github.Calls, c => Assert.DoesNotContain("hunter2", c.Body?.ToJsonString() ?? "", StringComparison.Ordinal));
        Assert.Equal("neutral", Assert.Single(_github.Items($"repos/{Owner}/{Name}/check-runs"))["conclusion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delivery_WithABadOrMissingSignature_Is401AndSchedulesNothing()
    {
        var payload = FixComment(1);
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());

        var forged = await DeliverAsync("issue_comment", payload, "d0e1f2a3-0000-4000-8000-000000000004", Sign(body, "not-the-secret"));
        var unsigned = await DeliverAsync("issue_comment", payload, "d0e1f2a3-0000-4000-8000-000000000005", signature: "");

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Contains(WebhookSignature.Header, (await unsigned.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "github-" }).ToListAsync());
        Assert.Empty(_github.Calls);
    }

    [Theory]
    [InlineData("check_run", "check_run.completed.payload.json", "check_run 'completed': only a re-run of Wand's check asks for a fix")]
    [InlineData("installation", "installation.created.payload.json", "event 'installation' is not one Wand acts on")]
    [InlineData("ping", "ping.payload.json", "ping: the webhook is set up")]
    [InlineData("pull_request", "pull_request.labeled.payload.json", "label 'bug' is not 'wand'")]
    [InlineData("issue_comment", "issue_comment.created.payload.json", "the comment is on an issue, not a pull request")]
    public async Task Delivery_OfAnEventThatAsksForNothing_Is200IgnoredWithTheReason(string eventName, string example, string reason)
    {
        // The example's bytes exactly as GitHub sent them.
        var answer = await DeliverAsync(eventName, File.ReadAllBytes(Example(example)), $"d0e1f2a3-0000-4000-8000-{Random.Shared.Next():x12}");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("ignored", body["status"]!.GetValue<string>());
        Assert.StartsWith(reason, body["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "github-" }).ToListAsync());
    }

    [Fact]
    public async Task Label_OnAPullRequestNoEditCanFix_FailsTheCheckRunAndSaysWhy()
    {
        await StartWandAsync(new(AppCredentials())
        {
            ["Wand:Repair:SearchPerRound"] = "10",
            ["Wand:Repair:Budget:MaxSearchCandidates"] = "10",
        });
        var bare = CreateRepository(Name, withSettings: true);
        var head = OpenPullRequest(7, "names", new Dictionary<string, string>
        {
            ["test_maxes.py"] = Sample("test_maxes.py") + "\n\ndef test_names():\n    assert running_max([2]) == [\"two\"]\n",
        });

        await DeliverAsync("pull_request", Labeled(7, "wand"), "d0e1f2a3-0000-4000-8000-00000000000a");
        var outcome = await WaitForFixAsync("d0e1f2a3-0000-4000-8000-00000000000a");

        AssertStatus(PullRequestFixStatus.NotRepaired, outcome);
        Assert.Equal(RepairStatus.NotRepaired, outcome.Repair);
        Assert.Equal(head, GitRepositories.Head(bare, "refs/heads/names"));
        var run = Assert.Single(_github.Items($"repos/{Owner}/{Name}/check-runs"));
        Assert.Equal("failure", run["conclusion"]!.GetValue<string>());
        Assert.Equal("No fix found", run["output"]!["title"]!.GetValue<string>());
        Assert.Contains("no fix found: all 10 search candidates are spent", Assert.Single(_github.Items($"repos/{Owner}/{Name}/issues/7/comments"))["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(_github.Items($"repos/{Owner}/{Name}/pulls/7/reviews"));
    }

    [Fact]
    public async Task FailedCheckSuite_WhenSwitchedOn_PushesTheFixToThePullRequest()
    {
        await StartWandAsync(new(AppCredentials()) { ["Wand:GitHub:Triggers:OnFailedCheckSuite"] = "true" });
        var bare = CreateRepository(Name, withSettings: true);
        var head = OpenPullRequest(8, "faster-max", BrokenMax);
        var payload = JsonNode.Parse(File.ReadAllText(Example("check_suite.completed.payload.json")))!;
        payload["check_suite"]!["conclusion"] = "failure";
        payload["check_suite"]!["head_sha"] = head;
        payload["check_suite"]!["pull_requests"]![0]!["number"] = 8;

        var answer = await DeliverAsync("check_suite", InOurRepository(payload, Name), "d0e1f2a3-0000-4000-8000-00000000000c");

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var outcome = await WaitForFixAsync("d0e1f2a3-0000-4000-8000-00000000000c");
        AssertStatus(PullRequestFixStatus.Pushed, outcome);
        Assert.Equal(head, GitRepositories.Describe(bare, "refs/heads/faster-max", "%P"));
        Assert.Contains("Wand-Trigger: failed check suite", GitRepositories.Describe(bare, "refs/heads/faster-max", "%B"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedCheckSuite_OfWandsOwnCommit_IsLeftAloneWithoutAWord_ButOneByAPersonNamedWandIsFixed()
    {
        await StartWandAsync(new(AppCredentials()) { ["Wand:GitHub:Triggers:OnFailedCheckSuite"] = "true" });
        var bare = CreateRepository(Name, withSettings: true);
        // Wand's fix whose checks failed: by its bot account. Fixing it again could go on for ever.
        var own = OpenPullRequest(12, "wands-fix", BrokenMax, author: ("wand[bot]", BotEmail));
        // A person who calls themselves wand (the name the loop guard once went by) is still fixed.
        var person = OpenPullRequest(13, "by-a-person", BrokenMax, author: ("wand", "wand@users.noreply.github.com"));

        await DeliverAsync("check_suite", FailedSuite(own, 12), "d0e1f2a3-0000-4000-8000-000000000012");
        await DeliverAsync("check_suite", FailedSuite(person, 13), "d0e1f2a3-0000-4000-8000-000000000013");
        var leftAlone = await WaitForFixAsync("d0e1f2a3-0000-4000-8000-000000000012");
        var fixedToo = await WaitForFixAsync("d0e1f2a3-0000-4000-8000-000000000013");

        AssertStatus(PullRequestFixStatus.NotSetUp, leftAlone);
        Assert.Contains($"the failing commit is Wand's own fix (by wand[bot] <{BotEmail}>)", leftAlone.Summary, StringComparison.Ordinal);
        Assert.Equal(own, GitRepositories.Head(bare, "refs/heads/wands-fix"));
        Assert.DoesNotContain(_github.Calls, c => c.Method is "POST" or "PATCH" && c.Path.Contains("/12", StringComparison.Ordinal));
        Assert.DoesNotContain(_github.Items($"repos/{Owner}/{Name}/check-runs"), r => r["head_sha"]!.GetValue<string>() == own);
        AssertStatus(PullRequestFixStatus.Pushed, fixedToo);
        Assert.Equal(person, GitRepositories.Describe(bare, "refs/heads/by-a-person", "%P"));
    }

    [Fact]
    public async Task ReRunOfWandsCheck_FixesThePullRequestAgain_WithANewCheckRun()
    {
        var bare = CreateRepository(Name, withSettings: true);
        var head = OpenPullRequest(14, "faster-max", BrokenMax);
        // GitHub's check_run example as the Re-run button sends it: to the App whose run it is.
        var payload = JsonNode.Parse(File.ReadAllText(Example("check_run.completed.payload.json")))!;
        payload["action"] = "rerequested";
        payload["check_run"]!["app"]!["id"] = AppId;
        payload["check_run"]!["head_sha"] = head;
        payload["check_run"]!["external_id"] = "github-an-earlier-delivery#14";
        payload["check_run"]!["pull_requests"] = new JsonArray();
        var someoneElses = payload.DeepClone();
        someoneElses["check_run"]!["app"]!["id"] = AppId + 1;

        var ignored = await DeliverAsync("check_run", InOurRepository(someoneElses, Name), "d0e1f2a3-0000-4000-8000-000000000015");
        var answer = await DeliverAsync("check_run", InOurRepository(payload, Name), "d0e1f2a3-0000-4000-8000-000000000014");

        Assert.Equal(HttpStatusCode.OK, ignored.StatusCode);
        Assert.Equal("the check run asked to run again is not Wand's", (await ignored.Content.ReadFromJsonAsync<JsonObject>())!["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var outcome = await WaitForFixAsync("d0e1f2a3-0000-4000-8000-000000000014");
        AssertStatus(PullRequestFixStatus.Pushed, outcome);
        Assert.Contains("Wand-Trigger: re-run of the check", GitRepositories.Describe(bare, "refs/heads/faster-max", "%B"), StringComparison.Ordinal);
        var run = Assert.Single(_github.Items($"repos/{Owner}/{Name}/check-runs"));
        Assert.Equal("github-d0e1f2a3-0000-4000-8000-000000000014#14", run["external_id"]!.GetValue<string>());
        Assert.Equal("success", run["conclusion"]!.GetValue<string>());
    }

    [Fact]
    public async Task FixCommand_WhenGitHubsSecondaryRateLimitRefusesTheComment_WaitsAsItSaysAndPostsItOnce()
    {
        CreateRepository(Name, withSettings: true);
        OpenPullRequest(15, "faster-max", BrokenMax);
        _github.LimitNext("POST", $"repos/{Owner}/{Name}/issues/15/comments", TimeSpan.FromSeconds(2));

        await DeliverAsync("issue_comment", FixComment(15), "d0e1f2a3-0000-4000-8000-000000000016");
        var outcome = await WaitForFixAsync("d0e1f2a3-0000-4000-8000-000000000016");

        AssertStatus(PullRequestFixStatus.Pushed, outcome);
        Assert.Single(_github.Items($"repos/{Owner}/{Name}/issues/15/comments"));
        var posts = _github.Calls.Where(c => c.Method == "POST" && c.Path == $"repos/{Owner}/{Name}/issues/15/comments").ToList();
        Assert.Equal(2, posts.Count);
        Assert.True(posts[1].At - posts[0].At >= TimeSpan.FromSeconds(1.9), $"sent again after {(posts[1].At - posts[0].At).TotalSeconds:F1} s, not the 2 s GitHub asked for");
    }

    [Fact]
    public async Task FailedCheckSuite_OfARepositoryWithoutWandYml_IsLeftAloneWithoutAWord()
    {
        await StartWandAsync(new(AppCredentials()) { ["Wand:GitHub:Triggers:OnFailedCheckSuite"] = "true" });
        CreateRepository("plain", withSettings: false);
        var head = OpenPullRequest(11, "topic", BrokenMax, repository: "plain");
        var payload = JsonNode.Parse(File.ReadAllText(Example("check_suite.completed.payload.json")))!;
        payload["check_suite"]!["conclusion"] = "failure";
        payload["check_suite"]!["head_sha"] = head;
        payload["check_suite"]!["pull_requests"]![0]!["number"] = 11;

        await DeliverAsync("check_suite", InOurRepository(payload, "plain"), "d0e1f2a3-0000-4000-8000-00000000000e");
        var outcome = await WaitForFixAsync("d0e1f2a3-0000-4000-8000-00000000000e");

        AssertStatus(PullRequestFixStatus.NotSetUp, outcome);
        Assert.Contains(_github.Calls, c => c.Method == "GET" && c.Path == $"repos/{Owner}/plain/pulls/11");
        // Nothing written to the repository: no check run, no comment, no review (the App's token aside).
        Assert.DoesNotContain(_github.Calls, c => c.Method is "POST" or "PATCH" && c.Path.StartsWith("repos/", StringComparison.Ordinal));
        Assert.Null(await Client.GetInstanceAsync(outcome.JobId));
    }

    [Fact]
    public async Task FixCommand_ToAnAppWithoutAnInstallation_IsIgnoredWithTheReason()
    {
        var payload = FixComment(1);
        payload.AsObject().Remove("installation");

        var answer = await DeliverAsync("issue_comment", payload, "d0e1f2a3-0000-4000-8000-00000000000b");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.StartsWith("the delivery names no App installation", (await answer.Content.ReadFromJsonAsync<JsonObject>())!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "github-" }).ToListAsync());
    }

    [Fact]
    public async Task FixCommand_OnARepositoryWithNpmDependencies_BuildsItsEnvironmentOnce_AndTheNextPullRequestReusesIt()
    {
        // samples/repos/js-mocha as a repository of its own: mocha and chai from the npm registry,
        // installed by .wand.yml's setup into an environment image; two pull requests, one setup.
        var sample = RepositoryPaths.Samples("repos/js-mocha");
        var files = Directory.EnumerateFiles(sample, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(sample, f).Replace('\\', '/'), File.ReadAllText);
        // A description of its own: the environment's key (the manifests' hash) is new to this run.
        files["package.json"] = files["package.json"].Replace("(a Wand sample", $"({Guid.NewGuid():N}; a Wand sample", StringComparison.Ordinal);
        files[".wand.yml"] += "editable: [\"src/**/*.js\"]\n";
        var bare = _git.BarePath(Owner, "durations");
        GitRepositories.Create(bare, files);
        var source = files["src/duration.js"];
        var before = await EnvironmentImagesAsync();

        OpenPullRequest(1, "parse-faster", new() { ["src/duration.js"] = source.Replace("rest -= count * size", "rest += count * size", StringComparison.Ordinal) }, "durations");
        await DeliverAsync("issue_comment", FixComment(1, "durations"), "d0e1f2a3-0000-4000-8000-0000000000e1");
        var first = await WaitForFixAsync("d0e1f2a3-0000-4000-8000-0000000000e1");
        var afterFirst = await EnvironmentImagesAsync();
        OpenPullRequest(2, "format-faster", new() { ["src/duration.js"] = source.Replace("if (seconds === 0) {", "if (seconds !== 0) {", StringComparison.Ordinal) }, "durations");
        await DeliverAsync("issue_comment", FixComment(2, "durations"), "d0e1f2a3-0000-4000-8000-0000000000e2");
        var second = await WaitForFixAsync("d0e1f2a3-0000-4000-8000-0000000000e2");

        AssertStatus(PullRequestFixStatus.Pushed, first);
        AssertStatus(PullRequestFixStatus.Pushed, second);
        Assert.Single(afterFirst.Except(before));
        Assert.Equal(afterFirst, await EnvironmentImagesAsync());
        foreach (var (branch, sha) in new[] { ("parse-faster", first.CommitSha!), ("format-faster", second.CommitSha!) })
        {
            Assert.Equal(sha, GitRepositories.Head(bare, $"refs/heads/{branch}"));
            var again = await docker.Runner.RunAsync(JobFolder.Load(GitRepositories.Checkout(bare, sha, _scratch.FullName)), CancellationToken.None);
            Assert.True(again.AllPassed, $"{branch}'s pushed commit: {again.Passed} passed, {again.Failed} failed");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FixCommand_WhoseFixIsPlausible_IsSuggestedNotPushed_UnlessWandYmlSaysPushPlausible(bool pushPlausible)
    {
        // samples/bugs/py-can-vote as a repository: its weak tests pass a wrong fix too, so the passing candidates disagree.
        var sample = RepositoryPaths.Samples("bugs/py-can-vote");
        var voting = File.ReadAllText(Path.Combine(sample, "voting.py"));
        // A repository of each case's own: the signed deliveries differ, or the second would be refused as a replay of the first.
        var repository = pushPlausible ? "voting-pushed" : "voting";
        var bare = _git.BarePath(Owner, repository);
        GitRepositories.Create(bare, new Dictionary<string, string>
        {
            ["voting.py"] = voting.Replace("age > 18", "age >= 18", StringComparison.Ordinal),
            ["test_voting.py"] = File.ReadAllText(Path.Combine(sample, "test_voting.py")),
            [".wand.yml"] = $"language: python\neditable: [\"voting.py\"]\n{(pushPlausible ? "push: plausible\n" : "")}",
        });
        var head = OpenPullRequest(1, "simplify", new() { ["voting.py"] = voting }, repository);
        var delivery = $"d0e1f2a3-0000-4000-8000-0000000001{(pushPlausible ? "01" : "00")}";

        await DeliverAsync("issue_comment", FixComment(1, repository), delivery);
        var outcome = await WaitForFixAsync(delivery);

        var comment = Assert.Single(_github.Items($"repos/{Owner}/{repository}/issues/1/comments"))["body"]!.GetValue<string>();
        Assert.Contains("how sure: plausible", outcome.Summary, StringComparison.Ordinal);
        Assert.Contains("### How sure: plausible", comment, StringComparison.Ordinal);
        Assert.Contains("def test_can_vote_where_fixes_disagree():", comment, StringComparison.Ordinal);
        var run = Assert.Single(_github.Items($"repos/{Owner}/{repository}/check-runs"));
        if (pushPlausible)
        {
            AssertStatus(PullRequestFixStatus.Pushed, outcome);
            Assert.Equal(outcome.CommitSha, GitRepositories.Head(bare, "refs/heads/simplify"));
            Assert.Equal("Fixed: commit pushed (plausible)", run["output"]!["title"]!.GetValue<string>());
        }
        else
        {
            AssertStatus(PullRequestFixStatus.Suggested, outcome);
            Assert.Equal(head, GitRepositories.Head(bare, "refs/heads/simplify"));
            Assert.Contains("Wand is not sure enough of it to push it (plausible:", outcome.Summary, StringComparison.Ordinal);
            Assert.Contains("age >= 18", Assert.Single(Assert.Single(_github.Items($"repos/{Owner}/{repository}/pulls/1/reviews"))["comments"]!.AsArray())!["body"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("Fix suggested (plausible)", run["output"]!["title"]!.GetValue<string>());
        }
    }

    /// <summary>The ids of the environment images on the Docker host.</summary>
    private async Task<HashSet<string>> EnvironmentImagesAsync() =>
        [.. (await docker.Connection.Client.Images.ListImagesAsync(new Docker.DotNet.Models.ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [Sandbox.EnvironmentImages.EnvironmentLabel] = true } },
        })).Select(i => i.ID)];

    /// <summary>A bare repository of <see cref="Owner"/> whose main branch has the running-max sample with its defect fixed (and, when asked, a .wand.yml).</summary>
    private string CreateRepository(string name, bool withSettings)
    {
        var files = new Dictionary<string, string>
        {
            ["maxes.py"] = Sample("maxes.py").Replace(Broken, Fixed, StringComparison.Ordinal),
            ["test_maxes.py"] = Sample("test_maxes.py"),
            ["README.md"] = "Running maxima.\n",
        };
        if (withSettings)
        {
            files[".wand.yml"] = "language: python\neditable: [\"maxes.py\"]\ntimeoutSeconds: 60\n";
        }

        var bare = _git.BarePath(Owner, name);
        GitRepositories.Create(bare, files);
        return bare;
    }

    /// <summary>The change a pull request makes: the running max compares the wrong way again, and a test fails.</summary>
    private static Dictionary<string, string> BrokenMax => new() { ["maxes.py"] = Sample("maxes.py") };

    /// <summary>
    /// Commits <paramref name="files"/> as <paramref name="branch"/> of the head repository (the base
    /// repository, or <paramref name="headOwner"/>'s fork of it) and opens pull request
    /// <paramref name="number"/> from it, kept as GitHub keeps one; returns the head commit.
    /// </summary>
    private string OpenPullRequest(
        int number, string branch, Dictionary<string, string> files, string repository = Name, string headOwner = Owner, bool maintainerCanModify = false,
        Dictionary<string, string>? links = null, (string Name, string Email)? author = null)
    {
        var head = _git.BarePath(headOwner, repository);
        var sha = GitRepositories.Commit(head, "main", branch, files, "Change the running maximum", links, author);
        GitRepositories.OpenPullRequest(_git.BarePath(Owner, repository), number, head, branch);
        _github.Add(new LoopbackPullRequest(Owner, repository, number, headOwner, branch, maintainerCanModify));
        return sha;
    }

    private static string Sample(string file) => File.ReadAllText(Path.Combine(RepositoryPaths.Samples("bugs/py-running-max"), file));

    private static string Example(string file) => GitHubPayloadExamples.PathOf(file);

    /// <summary>The address of the App's bot account, which its commits are by.</summary>
    private static string BotEmail => $"{LoopbackGitHub.UserId("wand[bot]")}+wand[bot]@users.noreply.github.com";

    /// <summary>GitHub's check_suite example, as a failed suite of <paramref name="head"/> on pull request <paramref name="number"/>.</summary>
    private static JsonNode FailedSuite(string head, int number)
    {
        var payload = JsonNode.Parse(File.ReadAllText(Example("check_suite.completed.payload.json")))!;
        payload["check_suite"]!["conclusion"] = "failure";
        payload["check_suite"]!["head_sha"] = head;
        payload["check_suite"]!["pull_requests"]![0]!["number"] = number;
        return InOurRepository(payload, Name);
    }

    /// <summary>GitHub's issue_comment example, as a <c>/wand fix</c> comment by the owner on pull request <paramref name="number"/>.</summary>
    private static JsonNode FixComment(int number, string repository = Name)
    {
        var payload = JsonNode.Parse(File.ReadAllText(Example("issue_comment.created.with-installation.payload.json")))!;
        payload["issue"]!["number"] = number;
        payload["issue"]!["pull_request"] = new JsonObject
        {
            ["url"] = $"https://api.github.com/repos/{Owner}/{repository}/pulls/{number}",
            ["html_url"] = $"https://github.com/{Owner}/{repository}/pull/{number}",
        };
        payload["comment"]!["body"] = "/wand fix\nplease";
        payload["comment"]!["author_association"] = "OWNER";
        return InOurRepository(payload, repository);
    }

    /// <summary>GitHub's pull_request labeled example, with <paramref name="label"/> added to pull request <paramref name="number"/>.</summary>
    private static JsonNode Labeled(int number, string label)
    {
        var payload = JsonNode.Parse(File.ReadAllText(Example("pull_request.labeled.payload.json")))!;
        payload["number"] = number;
        payload["pull_request"]!["number"] = number;
        payload["label"]!["name"] = label;
        return InOurRepository(payload, Name);
    }

    private static JsonNode InOurRepository(JsonNode payload, string repository)
    {
        payload["repository"]!["name"] = repository;
        payload["repository"]!["full_name"] = $"{Owner}/{repository}";
        payload["repository"]!["owner"]!["login"] = Owner;
        payload["installation"] = new JsonObject { ["id"] = InstallationId, ["node_id"] = "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNzc=" };
        return payload;
    }

    /// <summary>Posts <paramref name="payload"/> as GitHub does; signed with the webhook secret unless a <paramref name="signature"/> is given ("" for none).</summary>
    private Task<HttpResponseMessage> DeliverAsync(string eventName, JsonNode payload, string delivery, string? signature = null, HttpClient? to = null) =>
        DeliverAsync(eventName, Encoding.UTF8.GetBytes(payload.ToJsonString()), delivery, signature, to);

    private async Task<HttpResponseMessage> DeliverAsync(string eventName, byte[] body, string delivery, string? signature = null, HttpClient? to = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/github/webhook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.UserAgent.ParseAdd("GitHub-Hookshot/044aadd");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", delivery);
        request.Headers.Add("X-GitHub-Hook-ID", "292430182");
        if ((signature ?? Sign(body, Secret)) is { Length: > 0 } value)
        {
            request.Headers.Add("X-Hub-Signature-256", value);
        }

        return await (to ?? _http).SendAsync(request);
    }

    /// <summary>The signature as GitHub computes it (its documentation's recipe, not Wand's code).</summary>
    private static string Sign(byte[] body, string secret) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>
    /// The search offers the likeliest of the edits that pass (here `v > best`), but on a loaded
    /// machine another may pass first (`v + 1 > best` was seen): whichever it is, the tests decide.
    /// </summary>
    private async Task AssertFixPassesAsync(string maxes)
    {
        var job = Job.Create(
            [new JobFile("maxes.py", Encoding.UTF8.GetBytes(maxes)), new JobFile("test_maxes.py", Encoding.UTF8.GetBytes(Sample("test_maxes.py")))],
            LanguageProfile.Find("python")!);
        var result = await docker.Runner.RunAsync(job, CancellationToken.None);
        Assert.True(result.AllPassed, $"the fix's tests: {result.Passed} passed, {result.Failed} failed, with maxes.py:\n{maxes}");
    }

    /// <summary>The suggestion, applied to <paramref name="maxes"/> as GitHub applies it (its text in place of lines start_line to line), makes the tests pass.</summary>
    private async Task AssertSuggestionFixesAsync(string maxes, JsonNode suggestion)
    {
        var body = suggestion["body"]!.GetValue<string>();
        Assert.StartsWith("```suggestion\n", body, StringComparison.Ordinal);
        Assert.EndsWith("\n```", body, StringComparison.Ordinal);
        var last = suggestion["line"]!.GetValue<int>();
        var first = suggestion["start_line"]?.GetValue<int>() ?? last;
        var lines = maxes.Split('\n').ToList();
        lines.RemoveRange(first - 1, last - first + 1);
        lines.InsertRange(first - 1, body["```suggestion\n".Length..^"\n```".Length].Split('\n'));
        await AssertFixPassesAsync(string.Join('\n', lines));
    }

    private static void AssertStatus(PullRequestFixStatus expected, PullRequestFixOutcome outcome) =>
        Assert.True(outcome.Status == expected, $"expected {expected}, got {outcome.Status}: {outcome.Summary}");

    private async Task<PullRequestFixOutcome> WaitForFixAsync(string delivery)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var state = await Client.WaitForInstanceCompletionAsync($"github-{delivery}", getInputsAndOutputs: true, timeout.Token);
        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            $"fix {state.InstanceId} ended {state.RuntimeStatus}: {state.FailureDetails?.ErrorType}: {state.FailureDetails?.ErrorMessage}\n{state.FailureDetails?.StackTrace}");
        return state.ReadOutputAs<PullRequestFixOutcome>()!;
    }
}
