using System.Text.Json;

namespace Wand;

/// <summary>
/// One program of samples/bugs as its manifest gives it: the defect is on <paramref name="Line"/>
/// of <paramref name="File"/>, and <paramref name="Fix"/> is that line corrected.
/// </summary>
/// <param name="SingleEdit">False for a defect no single token edit repairs (the search cannot reach it).</param>
/// <param name="WrongFix">On a program whose tests are deliberately weak: a wrong version of the line that passes them too.</param>
internal sealed record CorpusBug(string Name, string Language, string File, int Line, string Class, string Fix, bool SingleEdit = true, string? WrongFix = null)
{
    public string Folder => Path.Combine(BugCorpus.Folder, Name);

    /// <summary><paramref name="text"/> (the defect's file) with the manifest's fix in place of its line.</summary>
    public string WithFix(string text) => WithLine(text, Fix);

    /// <summary><paramref name="text"/> (the defect's file) with <paramref name="line"/> in place of the defect's.</summary>
    public string WithLine(string text, string line)
    {
        var lines = text.Split('\n');
        lines[Line - 1] = line;
        return string.Join('\n', lines);
    }
}

/// <summary>samples/bugs, the repair corpus, read from its manifest. One file, linked into every test project.</summary>
internal static class BugCorpus
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot.Path, "samples", "bugs");

    public static IReadOnlyList<CorpusBug> All { get; } =
        JsonSerializer.Deserialize<Manifest>(File.ReadAllText(Path.Combine(Folder, "manifest.json")), JsonSerializerOptions.Web)!.Bugs;

    public static CorpusBug Named(string name) => All.Single(b => b.Name == name);

    /// <summary>The programs whose tests are deliberately weak: a wrong fix passes them too.</summary>
    public static IEnumerable<CorpusBug> WeakTests => All.Where(b => b.WrongFix is not null);

    private sealed record Manifest(string About, IReadOnlyList<CorpusBug> Bugs);
}
