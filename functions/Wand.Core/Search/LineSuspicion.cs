namespace Wand.Search;

/// <summary>
/// How likely each line of the editable files is to hold the defect, from 0 to 1. Lines it knows
/// nothing about get <see cref="Floor"/>: still searched, after the suspicious ones.
/// </summary>
public sealed class LineSuspicion
{
    public const double Floor = 0.05;

    private readonly Dictionary<(string Path, int Line), double> _scores;
    private readonly HashSet<string> _paths;

    public LineSuspicion(Dictionary<(string Path, int Line), double> scores, string method)
    {
        _scores = scores;
        _paths = scores.Keys.Select(k => k.Path).ToHashSet(StringComparer.Ordinal);
        Method = method;
    }

    /// <summary>Every line is as suspicious as the next: the edits rank by their priors alone.</summary>
    public static LineSuspicion Uniform { get; } = new([], "none");

    /// <summary>How the scores were found: "coverage", "traces" or "none".</summary>
    public string Method { get; }

    public bool IsUniform => _scores.Count == 0;

    /// <summary>
    /// From coverage: the tests (pytest's node ids) that ran each line of the editable files, so
    /// that a candidate's edit runs those first; null when the lines were found otherwise.
    /// </summary>
    public IReadOnlyDictionary<(string Path, int Line), SortedSet<string>>? Covering { get; init; }

    /// <summary>From coverage: the tests (node ids) that failed in the traced run.</summary>
    public IReadOnlyList<string> FailedTests { get; init; } = [];

    public double Of(string path, int line) => IsUniform ? 1.0 : Math.Max(Floor, _scores.GetValueOrDefault((path, line)));

    /// <summary>Whether any line of <paramref name="path"/> is suspected (always, when nothing is known).</summary>
    public bool Suspects(string path) => IsUniform || _paths.Contains(path);

    /// <summary>The most suspicious lines, best first, for the report.</summary>
    public IEnumerable<(string Path, int Line, double Score)> Top(int count) =>
        _scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key.Path, StringComparer.Ordinal).ThenBy(s => s.Key.Line)
            .Take(count).Select(s => (s.Key.Path, s.Key.Line, s.Value));
}
