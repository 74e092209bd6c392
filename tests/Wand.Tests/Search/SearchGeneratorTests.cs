using System.Text;
using Wand.Jobs;
using Wand.SourceCode;

namespace Wand.Search;

public sealed class SearchGeneratorTests
{
    public static TheoryData<string> Names() => [.. BugCorpus.All.Select(b => b.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Rank_CorpusProgram_ProposesTheManifestsFixWhenOneEditMakesIt(string name)
    {
        var bug = BugCorpus.Named(name);
        var job = JobFolder.Load(bug.Folder);
        var editable = EditableFiles.Of(job);
        var wanted = Normalize(bug.WithFix(Encoding.UTF8.GetString(job.Files.Single(f => f.Path == bug.File).Content)));

        var rank = SearchGenerator.Rank(job.Files, editable, SourceDialect.For(job.Language), LineSuspicion.Uniform)
            .Select((c, i) => (c, i))
            .FirstOrDefault(x => Normalize(Encoding.UTF8.GetString(x.c.Files.Single(f => f.Path == bug.File).Content)) == wanted);

        if (!bug.SingleEdit)
        {
            Assert.True(rank.c is null, $"{bug.Name} is marked out of the search's reach, but edit {rank.i} fixes it: mark it singleEdit");
            return;
        }

        Assert.True(rank.c is not null, $"{bug.Name}: no single edit gives the fix");
        Console.WriteLine($"{bug.Name}: rank {rank.i} ({rank.c.Description})");
    }

    private static string Normalize(string text) => string.Join('\n', text.Split('\n').Select(l => l.TrimEnd())).TrimEnd();
}
