namespace Wand.Jobs;

/// <summary>How a test run reports its tests.</summary>
public enum TestReportFormat
{
    /// <summary>JUnit XML files (pytest, node --test, xunit's JUnit logger, JUnit 5, GoogleTest).</summary>
    JUnitXml,

    /// <summary>The event stream of <c>go test -json</c>.</summary>
    GoTestJson,

    /// <summary>libtest's JSON events (<c>cargo test -- -Z unstable-options --format json</c>).</summary>
    LibtestJson,
}

/// <summary>How a compile step reports its diagnostics.</summary>
public enum DiagnosticsFormat
{
    /// <summary>Our own JSON array of {file, line, column, severity, message} (Python, Node, Java helpers).</summary>
    WandJson,

    /// <summary>SARIF 2.1, as Roslyn writes it with <c>-p:ErrorLog</c>.</summary>
    Sarif,

    /// <summary>GCC's <c>-fdiagnostics-format=json</c>: one JSON array per translation unit.</summary>
    GccJson,

    /// <summary>Cargo's <c>--message-format=json</c> lines.</summary>
    CargoJson,

    /// <summary>The Go toolchain's <c>file:line:col: message</c> lines.</summary>
    GoBuildText,
}

/// <summary>
/// How one language runs in its sandbox image. Every image has a <c>wand-test</c> command that
/// compiles, marks a failed compile with <c>.wand/compile-failed</c>, runs the tests, and leaves
/// its reports under <c>.wand/</c> in the formats named here.
/// </summary>
public sealed record LanguageProfile(
    string Name,
    string Image,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> SourceExtensions,
    IReadOnlyList<string> MarkerFiles,
    TestReportFormat TestReport,
    string TestReportPath,
    DiagnosticsFormat Diagnostics,
    string DiagnosticsPath)
{
    /// <summary>The default test command of every image.</summary>
    public const string DefaultTestCommand = "wand-test";

    /// <summary>
    /// The image's <c>wand-test</c> can run only some test files (named in <c>WAND_TESTS</c>):
    /// pytest, node's runner, jest and vitest, Go's packages, and Java's classes (JUnit's launcher,
    /// Maven's surefire; not Gradle). Elsewhere every run is of the whole suite.
    /// </summary>
    public bool SelectsTestFiles { get; init; }

    /// <summary>
    /// Build files that decide the language only at the top of the job: a pom.xml or build.gradle
    /// deeper down is often another language's (a React Native app's android/ folder).
    /// </summary>
    public IReadOnlyList<string> TopLevelMarkerFiles { get; init; } = [];

    public static LanguageProfile Python { get; } = new(
        "python", "python", ["py"], [".py"], [],
        TestReportFormat.JUnitXml, ".wand/junit.xml", DiagnosticsFormat.WandJson, ".wand/diagnostics.json")
    { SelectsTestFiles = true };

    public static LanguageProfile JavaScript { get; } = new(
        "javascript", "node", ["js", "node", "nodejs", "typescript", "ts"], [".js", ".mjs", ".cjs", ".jsx", .. TypeScriptFiles.Extensions], [],
        TestReportFormat.JUnitXml, ".wand/junit.xml", DiagnosticsFormat.WandJson, ".wand/diagnostics.json")
    { SelectsTestFiles = true };

    public static LanguageProfile CSharp { get; } = new(
        "csharp", "dotnet", ["cs", "c#", "dotnet"], [".cs"], [".csproj"],
        TestReportFormat.JUnitXml, ".wand/junit/", DiagnosticsFormat.Sarif, ".wand/roslyn.sarif");

    public static LanguageProfile Java { get; } = new(
        "java", "java", [], [".java"], [],
        TestReportFormat.JUnitXml, ".wand/reports/", DiagnosticsFormat.WandJson, ".wand/diagnostics.json")
    { TopLevelMarkerFiles = ["pom.xml", "build.gradle", "build.gradle.kts"], SelectsTestFiles = true };

    public static LanguageProfile Cpp { get; } = new(
        "cpp", "cpp", ["c++", "c", "cxx"], [".cpp", ".cc", ".cxx", ".c", ".h", ".hpp"], [],
        TestReportFormat.JUnitXml, ".wand/junit.xml", DiagnosticsFormat.GccJson, ".wand/gcc.json");

    public static LanguageProfile Go { get; } = new(
        "go", "go", ["golang"], [".go"], ["go.mod"],
        TestReportFormat.GoTestJson, ".wand/go-test.json", DiagnosticsFormat.GoBuildText, ".wand/go-build.txt")
    { SelectsTestFiles = true };

    public static LanguageProfile Rust { get; } = new(
        "rust", "rust", ["rs"], [".rs"], ["Cargo.toml"],
        TestReportFormat.LibtestJson, ".wand/libtest.json", DiagnosticsFormat.CargoJson, ".wand/cargo.json");

    public static IReadOnlyList<LanguageProfile> All { get; } = [Python, JavaScript, CSharp, Java, Cpp, Go, Rust];

    /// <summary>The profile named <paramref name="name"/> or one of its aliases, any case.</summary>
    public static LanguageProfile? Find(string name) => All.FirstOrDefault(p =>
        string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)
        || p.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// The language of a set of files: a build file (Cargo.toml, go.mod, *.csproj; pom.xml or
    /// build.gradle at the top) decides; otherwise the language with the most source files.
    /// </summary>
    public static LanguageProfile? Detect(IReadOnlyCollection<string> paths)
    {
        var byMarker = All.FirstOrDefault(p => paths.Any(path => p.TopLevelMarkerFiles.Contains(path) || p.MarkerFiles.Any(m =>
            m.StartsWith('.') ? path.EndsWith(m, StringComparison.OrdinalIgnoreCase) : System.IO.Path.GetFileName(path) == m)));
        if (byMarker is not null)
        {
            return byMarker;
        }

        return All
            .Select(p => (Profile: p, Count: paths.Count(path => p.SourceExtensions.Contains(System.IO.Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))))
            .Where(x => x.Count > 0)
            .OrderByDescending(x => x.Count)
            .Select(x => x.Profile)
            .FirstOrDefault();
    }

    public static string KnownNames => string.Join(", ", All.Select(p => p.Name));
}
