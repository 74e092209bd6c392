using System.Text.RegularExpressions;
using Wand.Jobs;
using Wand.Sandbox;

namespace Wand.Selection;

/// <summary>The test files a candidate runs first, or why it runs the whole suite.</summary>
/// <param name="Files">From the test command's folder; null: the whole suite.</param>
/// <param name="Why">Which files and why, or why none, in words for reports.</param>
public sealed record TestChoice(IReadOnlyList<string>? Files, string Why);

/// <summary>
/// Chooses which test files a candidate runs before its whole suite: the files that hold the
/// tests its parent failed, and the test files that reach the files it changes (they name the
/// changed file's module, or, in Go, share its package's folder). A candidate that fails them
/// fails the suite; one that passes them runs the whole suite, which alone can pass it. The
/// choice is by file, the unit every supported runner can be told to run.
/// </summary>
public static partial class TestSelector
{
    /// <summary>A suite smaller than this runs whole: a second run would cost more than it saves.</summary>
    public const int MinSuiteTests = 20;

    /// <summary>The most characters of test names one run is given (an environment variable holds 128 KB at most).</summary>
    public const int MaxSelectionChars = 64_000;

    /// <param name="covering">From coverage, the tests (pytest's node ids) that failed or ran the changed lines: they are the choice; null when not known.</param>
    public static TestChoice Choose(Job job, TestFileIndex tests, SandboxResult parent, IReadOnlyCollection<string> changed, IReadOnlyCollection<string>? covering = null)
    {
        if (Unselectable(job, parent) is { } why)
        {
            return new TestChoice(null, why);
        }

        if (covering is not null)
        {
            return ByCoverage(parent, covering);
        }

        var chosen = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var failing in parent.Tests.Where(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error).Select(t => t.Name).Distinct(StringComparer.Ordinal))
        {
            // A name that says its file (pytest's module, jest's path) says it exactly; a test's own name may be in many files.
            var holders = tests.Files.Where(f => Names(f, failing)).Select(f => f.Path).ToList();
            holders = holders.Count > 0 ? holders : [.. tests.Files.Where(f => Holds(f, failing)).Select(f => f.Path)];
            if (holders.Count == 0)
            {
                return new TestChoice(null, $"no test file could be found for the failing test '{failing}'");
            }

            chosen.UnionWith(holders);
        }

        foreach (var file in changed)
        {
            chosen.UnionWith(tests.Files.Where(f => Reaches(f, file, tests.Root, job.Language)).Select(f => f.Path));
        }

        return chosen.Count == 0 ? new TestChoice(null, "no test file reaches the change")
            : chosen.Count >= tests.Files.Count ? new TestChoice(null, "every test file reaches the change")
            : new TestChoice([.. chosen], $"{chosen.Count} of {tests.Files.Count} test files ({Listed(chosen)})");
    }

    /// <summary>The tests coverage names, one by one: finer than their files, when they are few enough to name.</summary>
    private static TestChoice ByCoverage(SandboxResult parent, IReadOnlyCollection<string> covering)
    {
        var ids = covering.Where(id => !id.Any(char.IsControl)).Order(StringComparer.Ordinal).ToList();
        return ids.Count == 0 || ids.Count < covering.Count ? new TestChoice(null, "coverage named no test, or one no runner can be told")
            : ids.Sum(id => id.Length + 1) > MaxSelectionChars ? new TestChoice(null, $"the tests that ran the change are too many to name ({ids.Count})")
            : ids.Count >= parent.Tests.Count ? new TestChoice(null, "every test ran the change")
            : new TestChoice(ids, $"{ids.Count} of {parent.Tests.Count} tests, those that failed or ran the changed line ({Listed(ids)})");
    }

    private static string? Unselectable(Job job, SandboxResult parent) =>
        !job.Language.SelectsTestFiles ? $"{job.Language.Name}'s runner runs whole suites"
        : job.TestCommand != LanguageProfile.DefaultTestCommand ? "the job has its own test command"
        : parent.SelectedTests is not null ? "the parent's run was not of the whole suite"
        : parent.Reason != ExitReason.Completed ? $"the parent's run did not complete ({parent.Reason.Describe()})"
        : parent.Tests.Count < MinSuiteTests ? $"the suite has {parent.Tests.Count} tests (selection starts at {MinSuiteTests})"
        : null;

    /// <summary>
    /// The test's name starts with the file's module (pytest) or path (jest, vitest), or its class
    /// is the file's (JUnit: package.Class.method, the file at package/Class.java under any folder).
    /// </summary>
    private static bool Names(TestFileIndex.TestFile file, string test) =>
        test.StartsWith(Path.ChangeExtension(file.Path, null).Replace('/', '.') + ".", StringComparison.Ordinal) || test.StartsWith(file.Path, StringComparison.Ordinal)
        || (file.Path.EndsWith(".java", StringComparison.Ordinal) && test.LastIndexOf('.') is > 0 and var end
            && ("/" + file.Path).EndsWith("/" + test[..end].Replace('.', '/') + ".java", StringComparison.Ordinal));

    /// <summary>The file's text holds the test's own name (its last part: mocha's title, a Go or Java method) or its whole name.</summary>
    private static bool Holds(TestFileIndex.TestFile file, string test)
    {
        var plain = Parameters().Replace(test.Split('/')[0], "");
        var own = plain[(plain.LastIndexOf('.') + 1)..];
        return (own.Length >= 4 && file.Text.Contains(own, StringComparison.Ordinal)) || file.Text.Contains(plain, StringComparison.Ordinal);
    }

    /// <summary>The test file names the changed file's module (its name, or its folder's for an index or package file), or shares a Go package.</summary>
    private static bool Reaches(TestFileIndex.TestFile test, string changed, string? root, LanguageProfile language)
    {
        var path = root is null ? changed : changed[(root.Length + 1)..];
        var folder = Path.GetDirectoryName(path)?.Replace('\\', '/') ?? "";
        var name = Path.GetFileNameWithoutExtension(path);
        if (language == LanguageProfile.Go)
        {
            // A Go file is its package: its folder's tests, and tests elsewhere that name the package.
            if ((Path.GetDirectoryName(test.Path)?.Replace('\\', '/') ?? "") == folder)
            {
                return true;
            }

            name = folder.Length > 0 ? Path.GetFileName(folder) : "";
            if (name.Length == 0)
            {
                return false;
            }
        }
        else if (name is "index" or "__init__" or "mod" or "main" && folder.Length > 0)
        {
            name = Path.GetFileName(folder);
        }

        return Regex.IsMatch(test.Text, $@"(?<![\w$]){Regex.Escape(name)}(?![\w$])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static string Listed(IEnumerable<string> files)
    {
        var all = files.ToList();
        return string.Join(", ", all.Take(3)) + (all.Count > 3 ? $" and {all.Count - 3} more" : "");
    }

    [GeneratedRegex(@"\[.*\]$")]
    private static partial Regex Parameters();
}
