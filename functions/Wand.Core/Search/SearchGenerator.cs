using System.Text;
using Wand.Jobs;
using Wand.SourceCode;

namespace Wand.Search;

/// <summary>A candidate the search proposes: the parent's files with one edit, and how likely it is to be the fix.</summary>
public sealed record SearchCandidate(IReadOnlyList<JobFile> Files, SourceEdit Edit, string Description, double Weight);

/// <summary>
/// The offline generator: every single edit of the editable files that <see cref="MutationOperators"/>
/// knows, ranked by how suspicious its line is (<see cref="LineSuspicion"/>) times how likely that
/// kind of edit is to be a fix. Deterministic: the same parent and feedback give the same order.
/// </summary>
public static class SearchGenerator
{
    /// <summary>
    /// Editable files beyond which only the suspected ones are searched: in a repository of
    /// thousands of files, the edits of files no failing test reached would rank after every
    /// suspected line anyway, and making them all costs more than a round.
    /// </summary>
    public const int SuspectedFilesOnlyAbove = 200;

    /// <summary>The edits, best first (cheap: no files are built).</summary>
    public static IReadOnlyList<(SourceEdit Edit, double Weight)> RankEdits(IReadOnlyList<JobFile> parent, IReadOnlySet<string> editable, SourceDialect dialect, LineSuspicion suspicion) =>
        parent.Where(f => editable.Contains(f.Path) && (editable.Count <= SuspectedFilesOnlyAbove || suspicion.Suspects(f.Path)))
            .SelectMany(f => EditsOutsideInlineTests(f, dialect.Of(f.Path)))
            .Select(e => (Edit: e, Weight: suspicion.Of(e.Path, e.Line) * e.Prior))
            .OrderByDescending(x => x.Weight)
            .ThenBy(x => x.Edit.Path, StringComparer.Ordinal)
            .ThenBy(x => x.Edit.Offset)
            .ThenBy(x => x.Edit.Replacement, StringComparer.Ordinal)
            .ToList();

    // The tests written inside the code (Rust's #[cfg(test)]) are never the search's to change.
    private static IEnumerable<SourceEdit> EditsOutsideInlineTests(JobFile file, SourceDialect dialect)
    {
        var text = Encoding.UTF8.GetString(file.Content);
        var regions = InlineTests.Regions(text, dialect);
        return MutationOperators.For(file.Path, text, dialect).Where(e => !InlineTests.Contains(regions, e.Line));
    }

    /// <summary>The candidates of ranked edits, built one at a time as they are asked for; edits that change nothing or repeat one are skipped.</summary>
    public static IEnumerable<SearchCandidate> Candidates(IReadOnlyList<JobFile> parent, IEnumerable<(SourceEdit Edit, double Weight)> ranked)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (edit, weight) in ranked)
        {
            if (!texts.TryGetValue(edit.Path, out var before))
            {
                before = texts[edit.Path] = Encoding.UTF8.GetString(parent.Single(f => f.Path == edit.Path).Content);
            }

            var after = edit.Apply(before);
            if (after == before || !seen.Add(edit.Path + "\0" + after))
            {
                continue;
            }

            var files = parent.Select(f => f.Path == edit.Path ? new JobFile(f.Path, Encoding.UTF8.GetBytes(after)) : f).ToList();
            yield return new SearchCandidate(files, edit, edit.Describe(before), weight);
        }
    }

    public static IEnumerable<SearchCandidate> Rank(IReadOnlyList<JobFile> parent, IReadOnlySet<string> editable, SourceDialect dialect, LineSuspicion suspicion) =>
        Candidates(parent, RankEdits(parent, editable, dialect, suspicion));
}
