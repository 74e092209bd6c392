using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Wand.GitHub;

/// <summary>
/// The <c>git</c> command line over HTTP(S), for a pull request's head: fetch it, commit files on
/// top of it, push the commit to the pull request's branch. The token travels as an
/// <c>Authorization</c> header through git's environment (<c>GIT_CONFIG_COUNT</c>), so it is in no
/// URL, no argument list, no remote config and no error message.
/// </summary>
public static class PullRequestGit
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>A pull request's head as GitHub keeps it in the base repository, for a fork's pull request too.</summary>
    public static string PullRequestHead(int number) => $"refs/pull/{number.ToString(CultureInfo.InvariantCulture)}/head";

    /// <summary>Fetches <paramref name="reference"/> of <paramref name="cloneUrl"/> (its last commit only) into a new repository at <paramref name="directory"/> and checks it out; returns its commit.</summary>
    public static async Task<string> CheckoutAsync(string directory, Uri cloneUrl, string reference, string token, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await RunAsync(directory, null, cancellationToken, "init", "--quiet");
        await RunAsync(directory, token, cancellationToken, "fetch", "--quiet", "--depth=1", "--no-tags", cloneUrl.AbsoluteUri, reference);
        await RunAsync(directory, null, cancellationToken, "checkout", "--quiet", "--detach", "FETCH_HEAD");
        return (await RunAsync(directory, null, cancellationToken, "rev-parse", "HEAD")).Trim();
    }

    /// <summary>The checked-out commit's first parent, author's address and message (readable in a one-commit fetch: the commit names its parent).</summary>
    public static async Task<(string? Parent, string AuthorEmail, string Message)> DescribeHeadAsync(string directory, CancellationToken cancellationToken)
    {
        var text = await RunAsync(directory, null, cancellationToken, "log", "-1", "--format=%P%n%ae%n%B", "HEAD");
        var lines = text.Split('\n', 3);
        return (lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(), lines.Length > 1 ? lines[1] : "", lines.Length > 2 ? lines[2] : "");
    }

    /// <summary>
    /// Writes <paramref name="files"/> into the checkout and commits them as <paramref name="author"/> (Wand's account) at
    /// <paramref name="when"/>. The same files, parent, message and time make the same commit, so
    /// an activity run again pushes the commit it pushed before, which changes nothing.
    /// </summary>
    public static async Task<string> CommitAsync(
        string directory, IReadOnlyList<Jobs.JobFile> files, string message, GitHubIdentity author, DateTimeOffset when, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            var path = Path.Combine(directory, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, file.Content, cancellationToken);
        }

        await RunAsync(directory, null, cancellationToken, ["add", "--", .. files.Select(f => f.Path)]);
        var date = when.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture);
        await RunCoreAsync(directory, null, new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = author.Name,
            ["GIT_AUTHOR_EMAIL"] = author.Email,
            ["GIT_AUTHOR_DATE"] = date,
            ["GIT_COMMITTER_NAME"] = author.Name,
            ["GIT_COMMITTER_EMAIL"] = author.Email,
            ["GIT_COMMITTER_DATE"] = date,
        }, ["commit", "--quiet", "--no-verify", "--no-gpg-sign", "-m", message], cancellationToken);
        return (await RunAsync(directory, null, cancellationToken, "rev-parse", "HEAD")).Trim();
    }

    /// <summary>Pushes HEAD to <paramref name="branch"/>; fails (a <see cref="GitException"/>) when the branch has moved on or the token may not push.</summary>
    public static Task PushAsync(string directory, Uri cloneUrl, string branch, string token, CancellationToken cancellationToken) =>
        RunAsync(directory, token, cancellationToken, "push", "--quiet", "--no-verify", cloneUrl.AbsoluteUri, $"HEAD:refs/heads/{branch}");

    private static Task<string> RunAsync(string directory, string? token, CancellationToken cancellationToken, params string[] args) =>
        RunCoreAsync(directory, token, null, args, cancellationToken);

    private static async Task<string> RunCoreAsync(string directory, string? token, Dictionary<string, string>? environment, string[] args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Never ask a person for a password, and take nothing from the machine's git settings.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        if (token is not null)
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"x-access-token:{token}"));
            start.Environment["GIT_CONFIG_COUNT"] = "1";
            start.Environment["GIT_CONFIG_KEY_0"] = "http.extraHeader";
            start.Environment["GIT_CONFIG_VALUE_0"] = $"Authorization: Basic {basic}";
        }

        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new GitException("git could not be started: is it installed?");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new GitException($"git {args[0]} took longer than {Patience.TotalMinutes:0} minutes");
        }

        var error = await stderr;
        if (process.ExitCode != 0)
        {
            var message = token is null ? error : error.Replace(token, "***", StringComparison.Ordinal);
            throw new GitException($"git {args[0]} failed (exit {process.ExitCode}): {message.Trim()}");
        }

        return await stdout;
    }
}
