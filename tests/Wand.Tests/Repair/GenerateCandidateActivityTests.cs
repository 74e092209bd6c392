using System.Text;
using Wand.Jobs;

namespace Wand.Repair;

/// <summary>How a reply becomes a candidate: only editable files change, everything else is the job's own.</summary>
public sealed class GenerateCandidateActivityTests
{
    private static readonly IReadOnlySet<string> Editable = new HashSet<string>(StringComparer.Ordinal) { "a.py", "b.py" };

    [Fact]
    public void Apply_ChangesOnlyEditableFiles_KeepsTheJobsTests()
    {
        var original = Files(("a.py", "a0"), ("b.py", "b0"), ("test_a.py", "t0"));
        var parent = Files(("a.py", "a1"), ("b.py", "b1"), ("test_a.py", "weakened by an earlier reply"));
        var changes = Files(("a.py", "a2"), ("test_a.py", "assert True"));

        var candidate = GenerateCandidateActivity.Apply(original, parent, changes, Editable);

        Assert.Equal(["a.py: a2", "b.py: b1", "test_a.py: t0"], candidate.Select(f => $"{f.Path}: {Encoding.UTF8.GetString(f.Content)}"));
    }

    [Theory]
    [InlineData("The loop stops one short.\n\n```a.py\nx\n```", "The loop stops one short.")]
    [InlineData("Two\nlines.\n```a.py\nx\n```", "Two lines.")]
    [InlineData("```a.py\nx\n```", null)]
    public void Explanation_IsTheProseBeforeTheCode(string reply, string? expected)
    {
        Assert.Equal(expected, GenerateCandidateActivity.Explanation(reply));
    }

    [Fact]
    public void Explanation_LongProse_IsCut()
    {
        var explanation = GenerateCandidateActivity.Explanation(new string('x', 1000));

        Assert.Equal(243, explanation!.Length);
        Assert.EndsWith("...", explanation, StringComparison.Ordinal);
    }

    private static List<JobFile> Files(params (string Path, string Text)[] files) =>
        files.Select(f => new JobFile(f.Path, Encoding.UTF8.GetBytes(f.Text))).ToList();
}
