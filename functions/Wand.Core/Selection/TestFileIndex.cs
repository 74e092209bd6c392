using System.Text;
using Wand.Jobs;

namespace Wand.Selection;

/// <summary>
/// A job's test files (by the runners' naming conventions, never the editable ones) with their
/// text, named from the folder the test command runs in. Tests are never a repair's to change,
/// so one index serves every candidate of a job.
/// </summary>
public sealed class TestFileIndex
{
    private static readonly HashSet<string> NotTests = new(StringComparer.Ordinal) { "conftest.py", "__init__.py", "setup.py" };

    public TestFileIndex(Job job)
    {
        var editable = EditableFiles.Of(job);
        var prefix = job.Root is null ? "" : job.Root + "/";
        Files = [.. job.Files
            .Where(f => f.Path.StartsWith(prefix, StringComparison.Ordinal) && !editable.Contains(f.Path)
                && job.Language.SourceExtensions.Contains(Path.GetExtension(f.Path), StringComparer.OrdinalIgnoreCase)
                && EditableFiles.LooksLikeTest(f.Path) && !NotTests.Contains(Path.GetFileName(f.Path)))
            .Select(f => new TestFile(f.Path[prefix.Length..], Encoding.UTF8.GetString(f.Content)))
            .OrderBy(f => f.Path, StringComparer.Ordinal)];
        Root = job.Root;
    }

    /// <summary>A test file: its path from the test command's folder, and its text.</summary>
    public sealed record TestFile(string Path, string Text);

    public IReadOnlyList<TestFile> Files { get; }

    /// <summary>The job's <c>root</c> (null: its top), from which <see cref="TestFile.Path"/> is named.</summary>
    public string? Root { get; }
}
