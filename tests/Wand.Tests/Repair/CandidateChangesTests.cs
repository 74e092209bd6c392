using System.Text;
using Wand.Jobs;

namespace Wand.Repair;

/// <summary>A candidate stored as what it changes in its job's files, and read back whole.</summary>
public sealed class CandidateChangesTests
{
    private static readonly JobFile[] Job = [File("a.py", "a = 1\n"), File("b.py", "b = 2\n"), File("test_a.py", "assert a == 1\n")];

    [Fact]
    public void AnEditedFile_IsAllThatIsStored_AndReadsBackInTheJobsOrder()
    {
        var candidate = new[] { Job[0], File("b.py", "b = 3\n"), Job[2] };

        var changes = CandidateChanges.Between(Job, candidate);

        Assert.Equal(["b.py"], changes.Changed.Select(f => f.Path));
        Assert.Empty(changes.Removed);
        Assert.Equal(candidate, changes.Over(Job));
    }

    [Fact]
    public void TheSameContentInANewArray_IsNoChange()
    {
        var candidate = Job.Select(f => f with { Content = [.. f.Content] }).ToArray();

        Assert.Empty(CandidateChanges.Between(Job, candidate).Changed);
    }

    [Fact]
    public void AddedAndRemovedFiles_ComeBackAsTheyWere()
    {
        var candidate = new[] { Job[0], Job[2], File("c.py", "c = 4\n") };

        var changes = CandidateChanges.Between(Job, candidate);

        Assert.Equal(["b.py"], changes.Removed);
        Assert.Equal(candidate.Select(f => f.Path), changes.Over(Job).Select(f => f.Path));
        Assert.Equal("c = 4\n", Encoding.UTF8.GetString(changes.Over(Job)[^1].Content));
    }

    [Fact]
    public void CandidateKey_IsTheSameForTheSameFilesHoweverTheyWereMade()
    {
        var edited = new[] { Job[0], File("b.py", "b = 3\n"), Job[2] };
        var readBack = CandidateChanges.Between(Job, edited).Over(Job);

        Assert.Equal(CandidateKey.Of(edited), CandidateKey.Of(readBack));
        Assert.NotEqual(CandidateKey.Of(Job), CandidateKey.Of(edited));
    }

    private static JobFile File(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));
}
