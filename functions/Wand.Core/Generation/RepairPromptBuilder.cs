using System.Globalization;
using System.Text;
using Wand.Jobs;
using Wand.Sandbox;

namespace Wand.Generation;

/// <summary>
/// Builds what the LLM is asked: the code, the task, and the feedback so far (compiler
/// diagnostics, failing tests with their messages, earlier attempts), within a size budget.
/// </summary>
public static class RepairPromptBuilder
{
    private const int MaxMessageChars = 1500;
    private const int MaxFailingTests = 10;
    private const int MaxNamesNotShown = 50;

    /// <summary>
    /// The most file text one prompt carries (about 20,000 tokens): a repository's files are
    /// shown by relevance until it is spent, and the rest are named.
    /// </summary>
    public const int MaxFileChars = 80_000;

    /// <summary>
    /// A file longer than this whose lines the evidence names is shown by its functions around
    /// those lines (<see cref="FileExcerpts"/>), leaving the budget to other files.
    /// </summary>
    public const int MaxWholeFileLines = 400;

    public const string SystemPrompt = """
        You repair code so that its tests pass. You are shown the job's files, which of them you
        may change, and what happened when the tests last ran. Find the defect and fix it with the
        smallest change that makes every test pass. Never change a test or a file you are not
        allowed to change.

        Reply with the complete new content of every file you change, each in its own fenced code
        block whose info string is the file's path, for example:

        ```stats.py
        <the whole file>
        ```

        A long file (more than about 150 lines) you may change instead with SEARCH/REPLACE
        blocks, each naming the file on the line before it; SEARCH holds the lines exactly as they
        are now, enough of them to be found only once, and never "..." in their place:

        src/stats.py
        <<<<<<< SEARCH
            return ordered[mid] + ordered[mid + 1]
        =======
            return ordered[mid - 1] + ordered[mid]
        >>>>>>> REPLACE

        A file shown only in parts (its heading says so, and "[lines 120-480 not shown]" marks
        what is left out) is changed only with SEARCH/REPLACE blocks of lines shown.

        Say in one sentence before the code what the defect was.
        """;

    /// <param name="task">What the code should do, when the job says (optional).</param>
    /// <param name="files">The job's files as they are in this candidate.</param>
    /// <param name="editable">The files the reply may change.</param>
    /// <param name="latest">The latest run of these files.</param>
    /// <param name="earlierAttempts">One line each about earlier candidates, newest last.</param>
    public static RepairPrompt Build(string? task, IReadOnlyList<JobFile> files, IReadOnlySet<string> editable, SandboxResult latest, IReadOnlyList<string> earlierAttempts)
    {
        var user = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(task))
        {
            user.AppendLine("## Task").AppendLine(task.Trim()).AppendLine();
        }

        user.AppendLine("## Files");
        var shown = Shown(files, editable, latest);
        foreach (var (file, excerpt) in shown.OrderBy(f => editable.Contains(f.Key.Path) ? 0 : 1).ThenBy(f => f.Key.Path, StringComparer.Ordinal))
        {
            var text = Encoding.UTF8.GetString(file.Content);
            var access = editable.Contains(file.Path) ? "you may change this file" : "read only";
            user.AppendLine(excerpt is null ? $"### {file.Path} ({access})"
                    : $"### {file.Path} ({access}; {text.Count(c => c == '\n'):N0} lines, only the parts below are shown: change it with SEARCH/REPLACE edits of lines shown here)")
                .AppendLine("```")
                .Append((excerpt ?? text).TrimEnd('\n')).AppendLine()
                .AppendLine("```");
        }

        var hidden = files.Where(f => !shown.ContainsKey(f)).Select(f => f.Path).Order(StringComparer.Ordinal).ToList();
        if (hidden.Count > 0)
        {
            user.AppendLine(CultureInfo.InvariantCulture, $"### Not shown ({hidden.Count} more files of the job)")
                .AppendLine(string.Join(", ", hidden.Take(MaxNamesNotShown)) + (hidden.Count > MaxNamesNotShown ? ", ..." : ""));
        }

        user.AppendLine().AppendLine("## The latest test run").AppendLine(Describe(latest));
        foreach (var d in latest.Diagnostics.Where(d => d.Severity == "error").Take(20))
        {
            user.AppendLine(CultureInfo.InvariantCulture, $"- {d.File}:{d.Line}:{d.Column}: {d.Severity}: {d.Message}");
        }

        foreach (var test in latest.Tests.Where(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error).Take(MaxFailingTests))
        {
            user.AppendLine(CultureInfo.InvariantCulture, $"### Failing test: {test.Name}").AppendLine("```").AppendLine(Cap(test.Message ?? "(no message)")).AppendLine("```");
        }

        if (latest.Tests.Count == 0 && latest.Diagnostics.Count == 0)
        {
            user.AppendLine("```").AppendLine(Cap(latest.Stdout + "\n" + latest.Stderr)).AppendLine("```");
        }

        if (earlierAttempts.Count > 0)
        {
            user.AppendLine().AppendLine("## Earlier attempts (they did not pass every test)");
            foreach (var attempt in earlierAttempts.TakeLast(5))
            {
                user.AppendLine(CultureInfo.InvariantCulture, $"- {attempt}");
            }
        }

        return new RepairPrompt(SystemPrompt, user.ToString())
        {
            PartlyShown = [.. shown.Where(f => f.Value is not null).Select(f => f.Key.Path).Order(StringComparer.Ordinal)],
        };
    }

    /// <summary>
    /// The files the prompt shows, within <see cref="MaxFileChars"/>: first those the latest run
    /// names (a failing test's trace, a diagnostic), then the ones the reply may change, then the
    /// tests, then the rest; lockfiles and manifests last, and never a file that is not text.
    /// Each is whole (null), or the excerpt of it around the lines the run names, when it is
    /// longer than <see cref="MaxWholeFileLines"/> or than what is left of the budget.
    /// </summary>
    private static Dictionary<JobFile, string?> Shown(IReadOnlyList<JobFile> files, IReadOnlySet<string> editable, SandboxResult latest)
    {
        var evidence = string.Join('\n', latest.Tests.Where(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error).Select(t => $"{t.Name}\n{t.Message}")
            .Concat(latest.Diagnostics.Select(d => $"{d.File}:{d.Line}")).Append(latest.Stderr));
        double Relevance(JobFile f) =>
            (evidence.Contains(f.Path, StringComparison.Ordinal) || evidence.Contains(Path.GetFileName(f.Path), StringComparison.Ordinal) ? 4 : 0)
            + (editable.Contains(f.Path) ? 2 : 0)
            + (EditableFiles.LooksLikeTest(f.Path) ? 1 : 0)
            - (JobEnvironment.DefaultSetupFiles.Any(g => Glob.IsMatch(g, f.Path)) ? 4 : 0);
        var named = new NamedLines(evidence, files);
        var shown = new Dictionary<JobFile, string?>();
        var left = MaxFileChars;
        foreach (var file in files.Where(f => !f.Content.AsSpan().Contains((byte)0)).OrderByDescending(Relevance).ThenBy(f => f.Content.Length).ThenBy(f => f.Path, StringComparer.Ordinal))
        {
            var excerpt = file.Content.Length > left || file.Content.AsSpan().Count((byte)'\n') > MaxWholeFileLines
                ? FileExcerpts.Of(Encoding.UTF8.GetString(file.Content), named.In(file))
                : null;
            var cost = excerpt?.Length ?? file.Content.Length;
            if (cost <= left)
            {
                shown[file] = excerpt;
                left -= cost;
            }
        }

        return shown;
    }

    // The hint after a timeout is for the model: a loop that never ends is the usual cause.
    private static string Describe(SandboxResult result) => result.Reason switch
    {
        ExitReason.Completed => $"{result.Tests.Count} tests ran: {result.Passed} passed, {result.Failed} failed.",
        ExitReason.CompileError => "The code did not compile:",
        ExitReason.Timeout => "The tests timed out (an endless loop?).",
        _ => $"The tests {result.Reason.Describe()}.",
    };

    private static string Cap(string text) => text.Length <= MaxMessageChars ? text.Trim() : text[..MaxMessageChars].Trim() + "\n[...]";
}
