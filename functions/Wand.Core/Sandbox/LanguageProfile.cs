namespace Wand.Sandbox;

/// <summary>
/// How one language runs in its sandbox image: the default test command and where that
/// command leaves its machine-readable report (relative to the work dir).
/// </summary>
public sealed record LanguageProfile(string Name, string Image, string DefaultTestCommand, string ReportPath, IReadOnlyList<string> SourceExtensions)
{
    public static LanguageProfile Python { get; } = new(
        "python", "python",
        "python3 -m pytest -q -p no:cacheprovider --junitxml=.wand/junit.xml",
        ".wand/junit.xml", [".py"]);

    public static IReadOnlyList<LanguageProfile> All { get; } = [Python];

    public static LanguageProfile? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The language whose source files are most numerous among <paramref name="paths"/>.</summary>
    public static LanguageProfile? Detect(IEnumerable<string> paths) => All
        .Select(p => (Profile: p, Count: paths.Count(path => p.SourceExtensions.Contains(System.IO.Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))))
        .Where(x => x.Count > 0)
        .OrderByDescending(x => x.Count)
        .Select(x => x.Profile)
        .FirstOrDefault();
}
