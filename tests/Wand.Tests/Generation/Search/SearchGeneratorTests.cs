using System.Text;
using System.Text.Json;
using Wand.Sandbox;

namespace Wand.Generation.Search;

public sealed class SearchGeneratorTests
{
    public sealed record Bug(string Name, string Language, string File, int Line, string Class, string Fix, bool SingleEdit = true);

    private sealed record Manifest(string About, IReadOnlyList<Bug> Bugs);

    private static readonly string Corpus = Path.Combine(RepositoryRoot.Path, "samples", "bugs");

    public static TheoryData<string> Names() => [.. Bugs().Select(b => b.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Rank_CorpusProgram_ProposesTheManifestsFixWhenOneEditMakesIt(string name)
    {
        var bug = Bugs().Single(b => b.Name == name);
        var job = JobFolder.Load(Path.Combine(Corpus, bug.Name));
        var editable = EditableFiles.Of(job);
        var lines = Encoding.UTF8.GetString(job.Files.Single(f => f.Path == bug.File).Content).Split('\n');
        lines[bug.Line - 1] = bug.Fix;
        var wanted = Normalize(string.Join('\n', lines));

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

    private static IReadOnlyList<Bug> Bugs() =>
        JsonSerializer.Deserialize<Manifest>(File.ReadAllText(Path.Combine(Corpus, "manifest.json")), JsonSerializerOptions.Web)!.Bugs;
}
