using System.Text;
using System.Text.Json.Nodes;

namespace Wand.GitHub;

/// <summary>Reading GitHub's payload examples (the shared fixtures) against the triggers.</summary>
public sealed class WebhookEventTests
{
    private const string Delivery = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

    private static readonly GitHubTriggers AllOn = new() { OnFailedCheckSuite = true };

    [Fact]
    public void Read_FixCommandCommentOnAPullRequest_AsksToFixIt()
    {
        var payload = Example("issue_comment.created.with-installation.payload.json");
        payload["issue"]!["pull_request"] = new JsonObject { ["url"] = "https://api.github.com/repos/Codertocat/Hello-World/pulls/1" };
        payload["comment"]!["body"] = "  /Wand fix  \r\nthe running max is wrong";

        var fix = Read("issue_comment", payload).Fix;

        Assert.Equal(new PullRequestFixRequest("Codertocat", "Hello-World", 1, 1, Delivery, "comment '/wand fix' by Codertocat"), fix);
    }

    [Theory]
    [InlineData("OWNER", true)]
    [InlineData("MEMBER", true)]
    [InlineData("COLLABORATOR", true)]
    [InlineData("CONTRIBUTOR", false)]
    [InlineData("NONE", false)]
    public void Read_FixCommand_IsTakenOnlyFromThoseWhoMayWrite(string association, bool taken)
    {
        var payload = Example("issue_comment.created.with-installation.payload.json");
        payload["issue"]!["pull_request"] = new JsonObject();
        payload["comment"]!["body"] = "/wand fix";
        payload["comment"]!["author_association"] = association;

        var decision = Read("issue_comment", payload);

        Assert.Equal(taken, decision.Fix is not null);
        Assert.True(taken || decision.Ignored!.Contains($"({association}) may not ask for a fix", StringComparison.Ordinal), decision.Ignored);
    }

    [Fact]
    public void Read_AnotherComment_IsIgnored()
    {
        var payload = Example("issue_comment.created.with-installation.payload.json");
        payload["issue"]!["pull_request"] = new JsonObject();

        Assert.Equal("the comment does not start with '/wand fix'", Read("issue_comment", payload).Ignored);
    }

    [Fact]
    public void Read_AConfiguredCommandAndLabel_AreTheOnesThatCount()
    {
        var triggers = new GitHubTriggers { FixCommand = "/repair", Label = "autofix" };
        var comment = Example("issue_comment.created.with-installation.payload.json");
        comment["issue"]!["pull_request"] = new JsonObject();
        comment["comment"]!["body"] = "/repair";
        var labeled = Example("pull_request.labeled.payload.json");
        labeled["label"]!["name"] = "AutoFix";

        Assert.NotNull(Read("issue_comment", comment, triggers).Fix);
        Assert.Equal(new PullRequestFixRequest("Codertocat", "Hello-World", 2, 1, Delivery, "label 'AutoFix'"), Read("pull_request", labeled, triggers).Fix);
        labeled["label"]!["name"] = "wand";
        Assert.Equal("label 'wand' is not 'autofix'", Read("pull_request", labeled, triggers).Ignored);
    }

    [Fact]
    public void Read_OtherPullRequestActions_AreIgnored()
    {
        Assert.StartsWith("pull_request 'opened'", Read("pull_request", Example("pull_request.opened.payload.json")).Ignored, StringComparison.Ordinal);
        Assert.StartsWith("pull_request 'synchronize'", Read("pull_request", Example("pull_request.synchronize.payload.json")).Ignored, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FailedCheckSuiteOfAPullRequest_AsksToFixItsFirstPullRequest()
    {
        var payload = FailedSuite();

        var fix = Read("check_suite", payload).Fix;

        Assert.Equal(new PullRequestFixRequest("Codertocat", "Hello-World", 2, null, Delivery, "failed check suite", Unasked: true), fix);
    }

    [Fact]
    public void Read_FailedCheckSuite_IsIgnoredUnlessSwitchedOn()
    {
        Assert.Contains("OnFailedCheckSuite is off", Read("check_suite", FailedSuite(), new GitHubTriggers()).Ignored, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WandsOwnCheckSuite_IsIgnored_ButACommitByAPersonNamedWandIsNot()
    {
        var ours = FailedSuite();
        var namedWand = FailedSuite();
        namedWand["check_suite"]!["head_commit"]!["author"]!["name"] = "wand";

        Assert.Equal("the check suite is Wand's own", Read("check_suite", ours, AllOn, ownAppId: 29310).Ignored);
        // Anyone can give a commit that name; Wand's own commits are known by its account once the head is fetched.
        Assert.NotNull(Read("check_suite", namedWand).Fix);
    }

    [Fact]
    public void Read_ReRunOfWandsCheckRun_AsksToFixItsPullRequestAgain()
    {
        var payload = RerunRequested();

        var fix = Read("check_run", payload, ownAppId: 29310).Fix;

        Assert.Equal(new PullRequestFixRequest("Codertocat", "Hello-World", 2, null, Delivery, "re-run of the check"), fix);
    }

    [Fact]
    public void Read_ReRunOfAForksCheckRun_FindsItsPullRequestByTheExternalId()
    {
        // GitHub lists no pull requests on a check run of a fork's head.
        var payload = RerunRequested();
        payload["check_run"]!["pull_requests"] = new JsonArray();
        payload["check_run"]!["external_id"] = "github-72d3162e#31";
        var unnamed = payload.DeepClone();
        unnamed["check_run"]!["external_id"] = "somebody else's";

        Assert.Equal(31, Read("check_run", payload, ownAppId: 29310).Fix!.Number);
        Assert.Equal("the check run asked to run again names no pull request of this repository", Read("check_run", unnamed, ownAppId: 29310).Ignored);
    }

    [Fact]
    public void Read_CheckRunsThatAreNotAReRunOfWandsOwn_AreIgnored()
    {
        Assert.Equal("check_run 'completed': only a re-run of Wand's check asks for a fix", Read("check_run", Example("check_run.completed.payload.json"), ownAppId: 29310).Ignored);
        Assert.Equal("the check run asked to run again is not Wand's", Read("check_run", RerunRequested(), ownAppId: 1).Ignored);
        Assert.Equal("the check run asked to run again is not Wand's", Read("check_run", RerunRequested(), ownAppId: null).Ignored);
    }

    [Fact]
    public void Read_ASuccessfulOrPullRequestlessSuite_IsIgnored()
    {
        var orphan = FailedSuite();
        orphan["check_suite"]!["pull_requests"] = new JsonArray();

        Assert.Equal("the check suite concluded 'success', not 'failure'", Read("check_suite", Example("check_suite.completed.payload.json")).Ignored);
        Assert.Equal("the failed check suite belongs to no pull request of this repository", Read("check_suite", orphan).Ignored);
    }

    [Theory]
    [InlineData("not json", "the body is not JSON")]
    [InlineData("[1, 2]", "the body is not a JSON object")]
    [InlineData("{\"action\": \"labeled\", \"label\": {\"name\": \"wand\"}, \"repository\": {\"name\": \"r\", \"owner\": {\"login\": \"o\"}}}", "the payload has no 'pull_request' object")]
    [InlineData("{\"action\": \"labeled\", \"label\": {\"name\": \"wand\"}, \"pull_request\": {\"number\": 0}}", "the payload has no pull request number ('number')")]
    [InlineData("{\"label\": {\"name\": \"wand\"}}", "the payload has no 'action' text")]
    public void Read_APayloadThatIsNotItsEventsShape_NamesWhatIsMissing(string body, string problem)
    {
        var ex = Assert.Throws<WebhookPayloadException>(() => WebhookEvent.Read("pull_request", Delivery, Encoding.UTF8.GetBytes(body), AllOn, null));

        Assert.StartsWith(problem, ex.Message, StringComparison.Ordinal);
    }

    /// <summary>GitHub's check_run example as the Re-run button sends it (the example's app is 29310).</summary>
    private static JsonNode RerunRequested()
    {
        var payload = Example("check_run.completed.payload.json");
        payload["action"] = "rerequested";
        return payload;
    }

    private static JsonNode FailedSuite()
    {
        var payload = Example("check_suite.completed.payload.json");
        payload["check_suite"]!["conclusion"] = "failure";
        return payload;
    }

    private static WebhookDecision Read(string eventName, JsonNode payload, GitHubTriggers? triggers = null, long? ownAppId = null) =>
        WebhookEvent.Read(eventName, Delivery, Encoding.UTF8.GetBytes(payload.ToJsonString()), triggers ?? AllOn, ownAppId);

    private static JsonNode Example(string file) =>
        JsonNode.Parse(File.ReadAllText(GitHubPayloadExamples.PathOf(file)))!;
}
