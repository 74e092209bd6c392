using System.Diagnostics;

namespace Wand.Fixtures;

/// <summary>
/// Bare repositories made with real git commands, as a hosting service keeps them: a base
/// repository with its main branch, branches pushed to it or to a fork of it, and the
/// <c>refs/pull/{n}/head</c> GitHub adds to the base repository for every pull request.
/// </summary>
public static class GitRepositories
{
    /// <summary>A bare repository at <paramref name="bare"/> whose main branch holds <paramref name="files"/>.</summary>
    public static string Create(string bare, IReadOnlyDictionary<string, string> files)
    {
        Directory.CreateDirectory(bare);
        Run(bare, "init", "--quiet", "--bare", "--initial-branch=main");
        Run(bare, "config", "http.receivepack", "true");
        return Commit(bare, "main", "main", files, "Initial commit");
    }

    /// <summary>A fork: a bare copy of <paramref name="source"/> at <paramref name="bare"/>.</summary>
    public static void Fork(string source, string bare)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(bare)!);
        Run(Path.GetDirectoryName(bare)!, "clone", "--quiet", "--bare", source, bare);
        Run(bare, "config", "http.receivepack", "true");
    }

    /// <summary>Commits <paramref name="files"/> (added or replaced) on top of <paramref name="from"/> as <paramref name="branch"/>; returns the commit.</summary>
    /// <param name="links">Symbolic links to commit, by path, with their targets (git keeps a link as a link, wherever it points).</param>
    /// <param name="author">Who the commit is by (name, address); Octo Cat unless given.</param>
    public static string Commit(
        string bare, string from, string branch, IReadOnlyDictionary<string, string> files, string message, IReadOnlyDictionary<string, string>? links = null, (string Name, string Email)? author = null)
    {
        var work = Directory.CreateTempSubdirectory("wand-git-work-");
        try
        {
            Run(work.FullName, "init", "--quiet", "--initial-branch=main");
            if (Run(bare, "for-each-ref", $"refs/heads/{from}").Length > 0)
            {
                Run(work.FullName, "fetch", "--quiet", bare, $"refs/heads/{from}");
                Run(work.FullName, "checkout", "--quiet", "-B", branch, "FETCH_HEAD");
            }

            foreach (var (path, content) in files)
            {
                var full = Path.Combine(work.FullName, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, content);
            }

            foreach (var (path, target) in links ?? new Dictionary<string, string>())
            {
                var full = Path.Combine(work.FullName, path);
                File.Delete(full);
                File.CreateSymbolicLink(full, target);
            }

            Run(work.FullName, "add", "--all");
            var (name, email) = author ?? ("Octo Cat", "octocat@example.com");
            Run(work.FullName, "-c", $"user.name={name}", "-c", $"user.email={email}", "commit", "--quiet", "-m", message);
            Run(work.FullName, "push", "--quiet", bare, $"HEAD:refs/heads/{branch}");
            return Head(bare, $"refs/heads/{branch}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Points <c>refs/pull/{number}/head</c> of <paramref name="baseBare"/> at <paramref name="branch"/> of <paramref name="headBare"/>, as GitHub does when the pull request opens.</summary>
    public static void OpenPullRequest(string baseBare, int number, string headBare, string branch) =>
        Run(baseBare, "fetch", "--quiet", headBare, $"refs/heads/{branch}:refs/pull/{number}/head");

    public static string Head(string bare, string reference) => Run(bare, "rev-parse", reference).Trim();

    /// <summary>A file as committed at <paramref name="reference"/>.</summary>
    public static string Show(string bare, string reference, string path) => Run(bare, "show", $"{reference}:{path}");

    /// <summary>One commit's fields, by a <c>git log --format</c> format.</summary>
    public static string Describe(string bare, string reference, string format) => Run(bare, "log", "-1", $"--format={format}", reference).Trim();

    /// <summary>A checkout of <paramref name="reference"/> in a new folder under <paramref name="parent"/>.</summary>
    public static string Checkout(string bare, string reference, string parent)
    {
        var folder = Path.Combine(parent, $"checkout-{Guid.NewGuid():N}");
        Run(parent, "clone", "--quiet", bare, folder);
        Run(folder, "checkout", "--quiet", "--detach", reference);
        return folder;
    }

    public static string Run(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? stdout.Result
            : throw new InvalidOperationException($"git {string.Join(' ', args)} in {directory} failed ({process.ExitCode}): {stderr}");
    }
}
