using System.Text;
using Wand.Jobs;
using Wand.Sandbox;
using Wand.Sandbox.Reports;
using Wand.SourceCode;

namespace Wand.Search;

public sealed class FaultLocalizationTests
{
    private static readonly HashSet<string> Editable = ["maxes.py"];

    [Fact]
    public void PythonCoverage_LinesOnlyFailingTestsRun_RankHighest()
    {
        var trace = """
            {"test_a.py::test_up": {"outcome": "failed", "lines": {"maxes.py": [1, 2, 8], "test_a.py": [3]}},
             "test_a.py::test_down": {"outcome": "failed", "lines": {"maxes.py": [1, 2, 8]}},
             "test_a.py::test_empty": {"outcome": "passed", "lines": {"maxes.py": [1, 2]}}}
            """;

        var suspicion = PythonCoverage.Suspicion(trace, Editable)!;

        Assert.Equal("coverage", suspicion.Method);
        Assert.Equal(1.0, suspicion.Of("maxes.py", 8), 3);
        Assert.True(suspicion.Of("maxes.py", 8) > suspicion.Of("maxes.py", 2));
        Assert.Equal(LineSuspicion.Floor, suspicion.Of("maxes.py", 30));
        Assert.Equal(("maxes.py", 8), suspicion.Top(1).Select(t => (t.Path, t.Line)).Single());
        // Which tests ran each line, for choosing a candidate's tests.
        Assert.Equal(["test_a.py::test_down", "test_a.py::test_up"], suspicion.FailedTests.Order());
        Assert.Equal(["test_a.py::test_down", "test_a.py::test_empty", "test_a.py::test_up"], suspicion.Covering![("maxes.py", 2)]);
        Assert.False(suspicion.Covering.ContainsKey(("test_a.py", 3)));
    }

    [Fact]
    public void PythonCoverage_NoTraceOrNotOne_IsNull()
    {
        Assert.Null(PythonCoverage.Suspicion(null, Editable));
        Assert.Null(PythonCoverage.Suspicion("{\"cut short", Editable));
    }

    [Fact]
    public void FailureTraces_NamedLineAndTheFunctionsTheFailingAssertionCalls()
    {
        var files = new List<JobFile>
        {
            new("max.go", Encoding.UTF8.GetBytes("package max\n\nfunc Max(xs []int) int {\n\tbest := xs[0]\n\treturn best\n}\n\nfunc Other() int {\n\treturn 1\n}\n")),
            new("max_test.go", Encoding.UTF8.GetBytes("package max\n\nimport \"testing\"\n\nfunc TestMax(t *testing.T) {\n\tif Max([]int{1, 2}) != 2 {\n\t\tt.Fatal(\"no\")\n\t}\n}\n")),
        };
        var result = OneFailing("TestMax", "max_test.go:7: no");

        var suspicion = FailureTraces.Suspicion(files, new HashSet<string> { "max.go" }, result, SourceDialect.Go);

        Assert.Equal("traces", suspicion.Method);
        Assert.Equal(0.5, suspicion.Of("max.go", 4));
        Assert.Equal(LineSuspicion.Floor, suspicion.Of("max.go", 9));
    }

    [Theory]
    [InlineData("src/page.ts", "export function paginate<T>(items: T[], size: number): T[][] {\n  return [items.slice(0, size)];\n}\n", "paginate")]
    [InlineData("Pages.cs", "static class Pages\n{\n    public static List<List<T>> Paginate<T>(List<T> items, int size)\n    {\n        return [items];\n    }\n}\n", "Paginate")]
    [InlineData("page.go", "package page\n\nfunc Paginate[T any](items []T, size int) [][]T {\n\treturn [][]T{items}\n}\n", "Paginate")]
    public void FailureTraces_AGenericFunctionTheFailingTestCalls_IsSuspected(string path, string code, string name)
    {
        var files = new List<JobFile> { new(path, Encoding.UTF8.GetBytes(code)) };
        var result = OneFailing($"pages > {name} splits a list", "expected 2 pages");
        var language = LanguageProfile.Detect([path])!;

        var suspicion = FailureTraces.Suspicion(files, new HashSet<string> { path }, result, SourceDialect.For(language).Of(path));

        var body = code.Split('\n').ToList().FindIndex(l => l.Contains("return", StringComparison.Ordinal)) + 1;
        Assert.Equal(0.5, suspicion.Of(path, body));
    }

    [Fact]
    public void FailureTraces_ADotNetStackFrame_NamesItsLine()
    {
        const string code = "namespace Slugs;\n\npublic static class Slug\n{\n    public static string Shorten(string s, int max)\n    {\n        return s.Length < max ? s[..max] : s;\n    }\n\n    public static string Other() => \"x\";\n}\n";
        var files = new List<JobFile> { new("src/Slugs/Slug.cs", Encoding.UTF8.GetBytes(code)) };
        // As xunit's frames come through the JUnit logger: absolute paths in the sandbox, ":line N".
        var message = "Assert.Equal() Failure: Strings differ\n   at Slugs.Slug.Shorten(String s, Int32 max) in /work/run-3f2a/src/Slugs/Slug.cs:line 7\n"
            + "   at Slugs.Tests.SlugTests.CutsLongSlugs() in /work/run-3f2a/tests/SlugTests.cs:line 12";
        var result = OneFailing("Slugs.Tests.SlugTests.CutsLongSlugs", message);

        var suspicion = FailureTraces.Suspicion(files, new HashSet<string> { "src/Slugs/Slug.cs" }, result, SourceDialect.CSharp);

        Assert.Equal("traces", suspicion.Method);
        Assert.True(suspicion.Of("src/Slugs/Slug.cs", 7) > suspicion.Of("src/Slugs/Slug.cs", 10), "the line the frame names is no more suspect than another function's");
    }

    [Fact]
    public void FailureTraces_ALineThatUsesWhatTheFailingTestIsNamedFor_IsSuspectedBeforeTheRestOfTheFunction()
    {
        // ctolkien/Slugify with its bug seeded: a wrong value, no frame in the code, only the test's.
        var helper = "public class SlugHelper\n{\n    public string GenerateSlug(string s)\n    {\n        var sb = new StringBuilder(s.Trim());\n"
            + "        if (Config.MaximumLength.HasValue && sb.Length < Config.MaximumLength.Value)\n        {\n"
            + "            sb.Remove(Config.MaximumLength.Value, sb.Length - Config.MaximumLength.Value);\n        }\n\n        return sb.ToString();\n    }\n}\n";
        var test = "public class SlugHelperTest\n{\n    [Theory]\n    [InlineData(7, \"ab c d e\", \"ab-c-d\")]\n"
            + "    public void MaximumLengthGivenTrimsUnnecessaryChars(int length, string input, string expected) =>\n"
            + "        Assert.Equal(expected, Create(length).GenerateSlug(input));\n}\n";
        var files = new List<JobFile> { new("src/SlugHelper.cs", Encoding.UTF8.GetBytes(helper)), new("tests/SlugHelperTest.cs", Encoding.UTF8.GetBytes(test)) };
        var message = "Assert.Equal() Failure: Strings differ\n   at Slugify.Tests.SlugHelperTest.MaximumLengthGivenTrimsUnnecessaryChars(Nullable`1 length, String input, String expected) in /work/run-1/tests/SlugHelperTest.cs:line 6";
        var result = OneFailing("Slugify.Tests.SlugHelperTest.MaximumLengthGivenTrimsUnnecessaryChars(length: 7, input: \"ab c d e\", expected: \"ab-c-d\")", message);

        var suspicion = FailureTraces.Suspicion(files, new HashSet<string> { "src/SlugHelper.cs" }, result, SourceDialect.CSharp);

        Assert.Equal(0.5, suspicion.Of("src/SlugHelper.cs", 5));
        Assert.Equal(0.9, suspicion.Of("src/SlugHelper.cs", 6));
        Assert.Equal(0.9, suspicion.Of("src/SlugHelper.cs", 8));
        // The fix turns the comparison round, one of the least likely kinds of edit, and still comes
        // before any edit of the function's other lines.
        var ranked = SearchGenerator.RankEdits(files, new HashSet<string> { "src/SlugHelper.cs" }, SourceDialect.CSharp, suspicion).Select(r => r.Edit).ToList();
        var fix = ranked.FindIndex(e => e.Line == 6 && e.Replacement == ">");
        Assert.InRange(fix, 0, ranked.FindIndex(e => e.Line is 5 or 11) - 1);
    }

    [Fact]
    public void FailureTraces_AFunctionTheFailingTestIsNamedFor_IsSuspectedWhole_NotWhereItIsNamed()
    {
        const string code = "function shiftMinutes(shift) {\n  return shift.end - shift.start;\n}\n\nfunction totalHours(shifts) {\n"
            + "  const minutes = shifts.reduce((sum, s) => sum + shiftMinutes(s), 0);\n  return minutes / 60;\n}\n\nmodule.exports = { shiftMinutes, totalHours };\n";
        var files = new List<JobFile> { new("shifts.js", Encoding.UTF8.GetBytes(code)) };
        var result = OneFailing("total hours of a week", "Expected values to be strictly equal: 16.5 !== 20.5");

        var suspicion = FailureTraces.Suspicion(files, new HashSet<string> { "shifts.js" }, result, SourceDialect.JavaScript);

        Assert.Equal(0.5, suspicion.Of("shifts.js", 6));
        Assert.Equal(0.5, suspicion.Of("shifts.js", 7));
        Assert.Equal(LineSuspicion.Floor, suspicion.Of("shifts.js", 10));
    }

    [Fact]
    public void FailureTraces_ALibraryCallTheFailingTestsNameSpells_IsNotSuspectedForIt()
    {
        const string code = "public final class DisplayName {\n    public static String of(String nickname, String email) {\n"
            + "        if (nickname != null && !nickname.isBlank()) {\n            return nickname;\n        }\n        return email;\n    }\n}\n";
        var files = new List<JobFile> { new("src/DisplayName.java", Encoding.UTF8.GetBytes(code)) };
        var result = OneFailing("DisplayNameTest.emailWhenTheNicknameIsBlank", "expected: <ann> but was: <>");

        var suspicion = FailureTraces.Suspicion(files, new HashSet<string> { "src/DisplayName.java" }, result, SourceDialect.Java);

        Assert.True(suspicion.Of("src/DisplayName.java", 3) < 0.9, "String.isBlank, named by \"…IsBlank\", made its line a suspect");
    }

    [Fact]
    public void FailureTraces_CompilerErrorLine_IsTheMostSuspicious()
    {
        var files = new List<JobFile> { new("src/lib.rs", Encoding.UTF8.GetBytes("fn a() {}\nfn b() { x }\n")) };
        var result = new SandboxResult(ExitReason.CompileError, 101, [], [new CompilerDiagnostic("src/lib.rs", 2, 10, "error", "cannot find value `x`")],
            "", "", new SandboxTimings(TimeSpan.Zero, TimeSpan.Zero));

        var suspicion = FailureTraces.Suspicion(files, new HashSet<string> { "src/lib.rs" }, result, SourceDialect.Rust);

        Assert.Equal(1.0, suspicion.Of("src/lib.rs", 2));
        Assert.Equal(LineSuspicion.Floor, suspicion.Of("src/lib.rs", 1));
    }

    /// <summary>A run that completed with one test failing, as the runner reported it.</summary>
    private static SandboxResult OneFailing(string test, string message) =>
        new(ExitReason.Completed, 1, [new TestCaseResult(test, TestOutcome.Failed, message, TimeSpan.Zero)],
            new List<CompilerDiagnostic>(), "", "", new SandboxTimings(TimeSpan.Zero, TimeSpan.Zero));
}
