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

    [Fact]
    public void RankEdits_EveryEditOfTheSuspectedLine_ComesBeforeAnyEditOfTheRest()
    {
        // More kinds of edit must not delay the easy repairs: the suspected line's templates
        // (priors 0.1 to 0.4) still outrank the best token edit of a line nothing points at.
        var code = "def f(a, b, items):\n    total = a + b\n    if items[0] == a:\n        return max(a, b) - 1\n    return total\n";
        var job = Job.Create([new JobFile("f.py", Encoding.UTF8.GetBytes(code))], LanguageProfile.Python);
        var suspicion = new LineSuspicion(new() { [("f.py", 3)] = 1.0 }, "coverage");

        var ranked = SearchGenerator.RankEdits(job.Files, EditableFiles.Of(job), SourceDialect.Python, suspicion);

        var lastSuspected = ranked.Select((e, i) => (e, i)).Last(x => x.e.Edit.Line == 3).i;
        var firstOther = ranked.Select((e, i) => (e, i)).First(x => x.e.Edit.Line != 3).i;
        Assert.Contains(ranked, e => e.Edit.Line == 3 && e.Edit.Operator == "None guard");
        Assert.True(lastSuspected < firstOther, $"edit {firstOther} of another line before edit {lastSuspected} of the suspected one");
    }

    private static string Normalize(string text) => string.Join('\n', text.Split('\n').Select(l => l.TrimEnd())).TrimEnd();
}
