using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Wand.Fixtures;

/// <summary>A request the loopback GitHub received: method, path under the API root, JSON body.</summary>
public sealed record GitHubApiCall(string Method, string Path, JsonNode? Body)
{
    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>A pull request the loopback GitHub knows; its head commit is read from the head repository's branch when asked, as GitHub does.</summary>
public sealed record LoopbackPullRequest(string Owner, string Repository, int Number, string HeadOwner, string HeadBranch, bool MaintainerCanModify, string Title = "Change the running maximum");

/// <summary>
/// The GitHub REST API endpoints Wand uses, on Kestrel at 127.0.0.1, under <c>/api/v3/</c> where
/// Octokit puts a GitHub Enterprise host's API, with payloads shaped as GitHub documents them:
/// installation access tokens (the App's JWT is checked against the test's public key), pull
/// requests, check runs, issue comments and pull request reviews. It keeps what it is sent.
/// </summary>
public sealed class LoopbackGitHub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GitHttpServer _git;
    private readonly RSA _appKey;
    private readonly long _appId;
    private readonly ConcurrentQueue<GitHubApiCall> _calls = new();
    private readonly ConcurrentDictionary<string, bool> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _installationTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LoopbackPullRequest> _pulls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<JsonObject>> _items = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _tokenUsers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Method, string PathPrefix, TimeSpan RetryAfter)> _limits = new();
    private int _nextId = 1000;

    private LoopbackGitHub(WebApplication app, GitHttpServer git, RSA appKey, long appId)
    {
        _app = app;
        _git = git;
        _appKey = appKey;
        _appId = appId;
    }

    /// <summary>What Wand's <c>Wand:GitHub:ApiUrl</c> is set to: the host, as for GitHub Enterprise.</summary>
    public required Uri ApiUrl { get; init; }

    public IReadOnlyList<GitHubApiCall> Calls => [.. _calls];

    public void Add(LoopbackPullRequest pr) => _pulls[$"{pr.Owner}/{pr.Repository}#{pr.Number}"] = pr;

    /// <summary>A token the API (and the git server) accept, as a personal access token of <paramref name="user"/> is.</summary>
    public void AcceptToken(string token, string user = "octocat")
    {
        _tokens[token] = true;
        _tokenUsers[token] = user;
        _git.Accept(token);
    }

    /// <summary>The App's slug; its bot account is <c>{slug}[bot]</c>.</summary>
    public const string AppSlug = "wand";

    /// <summary>The id GitHub gives the account <paramref name="login"/> here.</summary>
    public static long UserId(string login) => Math.Abs(StringComparer.Ordinal.GetHashCode(login) % 1_000_000) + 1;

    /// <summary>
    /// The next request of <paramref name="method"/> whose path starts with <paramref name="pathPrefix"/>
    /// is answered as GitHub answers one over its secondary rate limit: 403 with <c>Retry-After</c>.
    /// </summary>
    public void LimitNext(string method, string pathPrefix, TimeSpan retryAfter) => _limits.Enqueue((method, pathPrefix, retryAfter));

    /// <summary>The check runs, issue comments or reviews posted under <paramref name="path"/> (e.g. <c>repos/o/r/issues/1/comments</c>).</summary>
    public IReadOnlyList<JsonObject> Items(string path)
    {
        var list = _items.GetOrAdd(path, _ => []);
        lock (list)
        {
            return [.. list];
        }
    }

    public static async Task<LoopbackGitHub> StartAsync(GitHttpServer git, long appId, RSA appPublicKey)
    {
        LoopbackGitHub? github = null;
        var (app, root) = await LoopbackKestrel.StartAsync(app => app.Map("/api/v3/{**path}", (HttpContext http, string path) => github!.AnswerAsync(http, path)));
        github = new LoopbackGitHub(app, git, appPublicKey, appId) { ApiUrl = root };
        return github;
    }

    private async Task AnswerAsync(HttpContext http, string path)
    {
        var method = http.Request.Method;
        JsonNode? body = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            body = await JsonNode.ParseAsync(http.Request.Body);
        }

        _calls.Enqueue(new GitHubApiCall(method, path, body));
        if (_limits.TryPeek(out var limit) && limit.Method == method && path.StartsWith(limit.PathPrefix, StringComparison.Ordinal) && _limits.TryDequeue(out _))
        {
            http.Response.StatusCode = 403;
            http.Response.Headers.RetryAfter = ((int)limit.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(new JsonObject
            {
                ["message"] = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                ["documentation_url"] = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
            }.ToJsonString());
            return;
        }

        var segments = path.Split('/');
        var answer = (method, segments) switch
        {
            ("POST", ["app", "installations", var id, "access_tokens"]) => AccessToken(http, id),
            ("GET", ["app"]) => JwtProblem(http) ?? (200, new JsonObject { ["id"] = _appId, ["slug"] = AppSlug, ["name"] = "Wand", ["owner"] = User("octo-org") }),
            _ when !Authorized(http) => (401, new JsonObject { ["message"] = "Bad credentials", ["documentation_url"] = "https://docs.github.com/rest" }),
            ("GET", ["users", var login]) => (200, User(Uri.UnescapeDataString(login))),
            ("GET", ["user"]) => (200, User(_tokenUsers.GetValueOrDefault(Token(http), "octocat"))),
            ("GET", ["repos", var o, var r, "pulls", var n]) => PullRequest(o, r, n),
            ("GET", ["repos", var o, var r, "commits", var sha, "check-runs"]) => CheckRuns(o, r, sha, http.Request.Query["check_name"].FirstOrDefault()),
            ("POST", ["repos", _, _, "check-runs"]) when !_installationTokens.ContainsKey(Token(http)) =>
                (403, new JsonObject { ["message"] = "Resource not accessible by personal access token", ["documentation_url"] = "https://docs.github.com/rest/checks/runs#create-a-check-run", ["status"] = "403" }),
            ("POST", ["repos", var o, var r, "check-runs"]) => Created($"repos/{o}/{r}/check-runs", CheckRun(body!.AsObject())),
            ("PATCH", ["repos", var o, var r, "check-runs", var id]) => UpdateCheckRun($"repos/{o}/{r}/check-runs", id, body!.AsObject()),
            ("GET", ["repos", var o, var r, "issues", var n, "comments"]) => List($"repos/{o}/{r}/issues/{n}/comments"),
            ("POST", ["repos", var o, var r, "issues", var n, "comments"]) => Created($"repos/{o}/{r}/issues/{n}/comments", Comment(body!.AsObject())),
            ("GET", ["repos", var o, var r, "pulls", var n, "reviews"]) => List($"repos/{o}/{r}/pulls/{n}/reviews"),
            ("POST", ["repos", var o, var r, "pulls", var n, "reviews"]) when UnresolvedLine(o, r, n, body!.AsObject()) is { } line =>
                (422, new JsonObject { ["message"] = "Unprocessable Entity", ["errors"] = new JsonArray($"Line could not be resolved: {line}"), ["documentation_url"] = "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request", ["status"] = "422" }),
            ("POST", ["repos", var o, var r, "pulls", var n, "reviews"]) => Created($"repos/{o}/{r}/pulls/{n}/reviews", Review(body!.AsObject())),
            _ => (404, new JsonObject { ["message"] = "Not Found", ["documentation_url"] = "https://docs.github.com/rest" }),
        };
        http.Response.StatusCode = answer.Item1;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(answer.Item2.ToJsonString());
    }

    /// <summary><c>POST /app/installations/{id}/access_tokens</c>: only with a JWT the App's key signed, issued by the App, alive, and at most ten minutes long.</summary>
    private (int, JsonNode) AccessToken(HttpContext http, string installation)
    {
        if (JwtProblem(http) is { } problem)
        {
            return problem;
        }

        var token = $"ghs_{installation}_{Interlocked.Increment(ref _nextId)}";
        AcceptToken(token, $"{AppSlug}[bot]");
        _installationTokens[token] = true;
        return (201, new JsonObject
        {
            ["token"] = token,
            ["expires_at"] = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["permissions"] = new JsonObject { ["checks"] = "write", ["contents"] = "write", ["issues"] = "write", ["pull_requests"] = "write" },
            ["repository_selection"] = "all",
        });
    }

    /// <summary>Why the request's JWT is not the App's (as GitHub answers it), or null when it is.</summary>
    private (int, JsonNode)? JwtProblem(HttpContext http)
    {
        var authorization = http.Request.Headers.Authorization.FirstOrDefault() ?? "";
        var jwt = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..] : "";
        var parts = jwt.Split('.');
        if (parts.Length != 3
            || !_appKey.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return (401, new JsonObject { ["message"] = "A JSON web token could not be decoded" });
        }

        var header = JsonNode.Parse(FromBase64Url(parts[0]))!;
        var claims = JsonNode.Parse(FromBase64Url(parts[1]))!;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var (iat, exp) = (claims["iat"]!.GetValue<long>(), claims["exp"]!.GetValue<long>());
        if (header["alg"]!.GetValue<string>() != "RS256" || claims["iss"]!.ToString() != _appId.ToString(CultureInfo.InvariantCulture)
            || iat > now || exp <= now || exp - iat > 600)
        {
            return (401, new JsonObject { ["message"] = "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires" });
        }

        return null;
    }

    private bool Authorized(HttpContext http) => _tokens.ContainsKey(Token(http));

    private static string Token(HttpContext http) =>
        (http.Request.Headers.Authorization.FirstOrDefault() ?? "").Split(' ', 2) is [var scheme, var value] && scheme.ToLowerInvariant() is "token" or "bearer" ? value : "";

    private (int, JsonNode) PullRequest(string owner, string repository, string number)
    {
        if (!_pulls.TryGetValue($"{owner}/{repository}#{number}", out var pr))
        {
            return (404, new JsonObject { ["message"] = "Not Found" });
        }

        var headSha = GitRepositories.Head(_git.BarePath(pr.HeadOwner, pr.Repository), $"refs/heads/{pr.HeadBranch}");
        var baseSha = GitRepositories.Head(_git.BarePath(pr.Owner, pr.Repository), "refs/heads/main");
        var api = new Uri(ApiUrl, "api/v3/").AbsoluteUri;
        return (200, new JsonObject
        {
            ["url"] = $"{api}repos/{owner}/{repository}/pulls/{number}",
            ["id"] = 1000 + pr.Number,
            ["node_id"] = "MDExOlB1bGxSZXF1ZXN0MQ==",
            ["html_url"] = $"https://github.example/{owner}/{repository}/pull/{number}",
            ["number"] = pr.Number,
            ["state"] = "open",
            ["locked"] = false,
            ["title"] = pr.Title,
            ["user"] = User(pr.HeadOwner),
            ["body"] = "Please pull these awesome changes in!",
            ["created_at"] = "2026-11-24T10:00:00Z",
            ["updated_at"] = "2026-11-24T10:00:00Z",
            ["draft"] = false,
            ["merged"] = false,
            ["mergeable"] = true,
            ["maintainer_can_modify"] = pr.MaintainerCanModify,
            ["head"] = new JsonObject
            {
                ["label"] = $"{pr.HeadOwner}:{pr.HeadBranch}",
                ["ref"] = pr.HeadBranch,
                ["sha"] = headSha,
                ["user"] = User(pr.HeadOwner),
                ["repo"] = Repository(pr.HeadOwner, pr.Repository),
            },
            ["base"] = new JsonObject
            {
                ["label"] = $"{owner}:main",
                ["ref"] = "main",
                ["sha"] = baseSha,
                ["user"] = User(owner),
                ["repo"] = Repository(owner, repository),
            },
        });
    }

    private JsonObject Repository(string owner, string name) => new()
    {
        ["id"] = Math.Abs(StringComparer.Ordinal.GetHashCode($"{owner}/{name}") % 1_000_000) + 1,
        ["node_id"] = "MDEwOlJlcG9zaXRvcnkx",
        ["name"] = name,
        ["full_name"] = $"{owner}/{name}",
        ["private"] = false,
        ["owner"] = User(owner),
        ["html_url"] = $"https://github.example/{owner}/{name}",
        ["fork"] = _pulls.Values.Any(p => p.Repository == name && p.HeadOwner == owner && p.Owner != owner),
        ["url"] = $"{new Uri(ApiUrl, "api/v3/").AbsoluteUri}repos/{owner}/{name}",
        ["clone_url"] = _git.CloneUrl(owner, name).AbsoluteUri,
        ["default_branch"] = "main",
    };

    private static JsonObject User(string login) => new()
    {
        ["login"] = login,
        ["id"] = UserId(login),
        ["node_id"] = "MDQ6VXNlcjE=",
        ["type"] = login.EndsWith("[bot]", StringComparison.Ordinal) ? "Bot" : "User",
        ["site_admin"] = false,
    };

    private (int, JsonNode) CheckRuns(string owner, string repository, string sha, string? name)
    {
        var runs = Items($"repos/{owner}/{repository}/check-runs").Where(r => r["head_sha"]!.GetValue<string>() == sha && (name is null || r["name"]!.GetValue<string>() == name)).ToList();
        return (200, new JsonObject { ["total_count"] = runs.Count, ["check_runs"] = new JsonArray([.. runs.Select(r => r.DeepClone())]) });
    }

    private JsonObject CheckRun(JsonObject sent)
    {
        var run = (JsonObject)sent.DeepClone();
        run["id"] = Interlocked.Increment(ref _nextId);
        run["node_id"] = "MDg6Q2hlY2tSdW40";
        run["status"] ??= "queued";
        run["conclusion"] = null;
        run["started_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        run["app"] = new JsonObject { ["id"] = _appId, ["slug"] = "wand", ["name"] = "Wand" };
        return run;
    }

    private (int, JsonNode) UpdateCheckRun(string path, string id, JsonObject sent)
    {
        var list = _items.GetOrAdd(path, _ => []);
        lock (list)
        {
            var run = list.FirstOrDefault(r => r["id"]!.ToString() == id);
            if (run is null)
            {
                return (404, new JsonObject { ["message"] = "Not Found" });
            }

            foreach (var (key, value) in sent)
            {
                run[key] = value?.DeepClone();
            }

            return (200, run.DeepClone());
        }
    }

    private JsonObject Comment(JsonObject sent) => new()
    {
        ["id"] = Interlocked.Increment(ref _nextId),
        ["node_id"] = "MDEyOklzc3VlQ29tbWVudDE=",
        ["body"] = sent["body"]!.DeepClone(),
        ["user"] = User("wand[bot]"),
        ["author_association"] = "NONE",
        ["created_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
    };

    private JsonObject Review(JsonObject sent)
    {
        var review = (JsonObject)sent.DeepClone();
        review["id"] = Interlocked.Increment(ref _nextId);
        review["node_id"] = "MDE3OlB1bGxSZXF1ZXN0UmV2aWV3MQ==";
        review["user"] = User("wand[bot]");
        review["state"] = review["event"]?.GetValue<string>() == "COMMENT" ? "COMMENTED" : "PENDING";
        review["submitted_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        return review;
    }

    /// <summary>
    /// The first review comment whose lines are not in one hunk of the pull request's diff (GitHub
    /// takes comments only there), as <c>path:line</c>; null when every one is. The diff is git's,
    /// from the merge base to the pull request's head.
    /// </summary>
    private string? UnresolvedLine(string owner, string repository, string number, JsonObject review)
    {
        var bare = _git.BarePath(owner, repository);
        foreach (var comment in review["comments"]?.AsArray() ?? [])
        {
            var path = comment!["path"]!.GetValue<string>();
            var line = comment["line"]!.GetValue<int>();
            var start = comment["start_line"]?.GetValue<int>() ?? line;
            var diff = GitRepositories.Run(bare, "diff", "--unified=3", $"refs/heads/main...refs/pull/{number}/head", "--", path);
            var hunks = diff.Split('\n').Where(l => l.StartsWith("@@ ", StringComparison.Ordinal)).Select(l =>
            {
                var right = l.Split(' ')[2].TrimStart('+').Split(',');
                var first = int.Parse(right[0], CultureInfo.InvariantCulture);
                return (First: first, Last: first + (right.Length > 1 ? int.Parse(right[1], CultureInfo.InvariantCulture) : 1) - 1);
            });
            if (!hunks.Any(h => h.First <= start && line <= h.Last))
            {
                return $"{path}:{line}";
            }
        }

        return null;
    }

    private (int, JsonNode) Created(string path, JsonObject item)
    {
        var list = _items.GetOrAdd(path, _ => []);
        lock (list)
        {
            list.Add(item);
        }

        return (201, item.DeepClone());
    }

    private (int, JsonNode) List(string path) => (200, new JsonArray([.. Items(path).Select(i => i.DeepClone())]));

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }

    public ValueTask DisposeAsync() => LoopbackKestrel.StopAsync(_app);
}
