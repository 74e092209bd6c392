using Wand.Jobs;

namespace Wand.Sandbox.Reports;

/// <summary>The machine formats each toolchain writes, as captured from the images.</summary>
public sealed class RunnerFormatTests
{
    [Fact]
    public void GoTestEvents_GiveEachTestWithItsOwnOutputAsTheMessage()
    {
        const string stream = """
            {"Action":"run","Package":"example.com/m","Test":"TestA"}
            {"Action":"output","Package":"example.com/m","Test":"TestA","Output":"=== RUN   TestA\n"}
            {"Action":"pass","Package":"example.com/m","Test":"TestA","Elapsed":0.01}
            {"Action":"run","Package":"example.com/m","Test":"TestB"}
            {"Action":"output","Package":"example.com/m","Test":"TestB","Output":"    m_test.go:9: Max = 0, want -1\n"}
            {"Action":"output","Package":"example.com/m","Test":"TestB","Output":"--- FAIL: TestB (0.00s)\n"}
            {"Action":"fail","Package":"example.com/m","Test":"TestB","Elapsed":0}
            FAIL	example.com/other [build failed]
            {"Action":"fail","Package":"example.com/m","Elapsed":0.02}
            """;

        var tests = GoTestEvents.Parse(stream);

        Assert.Equal(2, tests.Count);
        Assert.Equal(new TestCaseResult("TestA", TestOutcome.Passed, null, TimeSpan.FromMilliseconds(10)), tests[0]);
        Assert.Equal(TestOutcome.Failed, tests[1].Outcome);
        Assert.Equal("m_test.go:9: Max = 0, want -1", tests[1].Message);
    }

    [Fact]
    public void LibtestEvents_GiveEachTestWithThePanicAsTheMessage()
    {
        const string stream = """
            { "type": "suite", "event": "started", "test_count": 2 }
            { "type": "test", "event": "started", "name": "tests::one" }
            { "type": "test", "name": "tests::one", "event": "ok", "exec_time": 0.5 }
            { "type": "test", "name": "tests::five", "event": "failed", "exec_time": 0.001, "stdout": "thread 'tests::five' panicked at 'left: `24`'\n" }
            { "type": "test", "name": "tests::later", "event": "ignored" }
            { "type": "suite", "event": "failed", "passed": 1, "failed": 1 }
            """;

        var tests = LibtestEvents.Parse(stream);

        Assert.Equal(["tests::one", "tests::five", "tests::later"], tests.Select(t => t.Name));
        Assert.Equal([TestOutcome.Passed, TestOutcome.Failed, TestOutcome.Skipped], tests.Select(t => t.Outcome));
        Assert.Equal("thread 'tests::five' panicked at 'left: `24`'", tests[1].Message);
        Assert.Equal(TimeSpan.FromSeconds(0.5), tests[0].Duration);
    }

    [Fact]
    public void Diagnostics_WandJson()
    {
        var d = Assert.Single(DiagnosticsReader.Read(DiagnosticsFormat.WandJson,
            """[{"file":"stats.py","line":19,"column":12,"severity":"error","message":"SyntaxError: invalid syntax"}]"""));

        Assert.Equal(new CompilerDiagnostic("stats.py", 19, 12, "error", "SyntaxError: invalid syntax"), d);
    }

    [Fact]
    public void Diagnostics_RoslynSarif_IsRelativeToTheJob()
    {
        const string sarif = """
            {"version":"2.1.0","runs":[{"results":[
              {"ruleId":"CS1513","level":"error","message":{"text":"} expected"},
               "locations":[{"physicalLocation":{"artifactLocation":{"uri":"file:///work/Calendar.cs"},"region":{"startLine":6,"startColumn":22}}}]},
              {"ruleId":"CS8618","level":"warning","message":{"text":"Non-nullable field"},
               "locations":[{"physicalLocation":{"artifactLocation":{"uri":"file:///work/src/A.cs"},"region":{"startLine":2,"startColumn":1}}}]},
              {"ruleId":"CS0000","level":"note","message":{"text":"ignored"}}]}]}
            """;

        var diagnostics = DiagnosticsReader.Read(DiagnosticsFormat.Sarif, sarif);

        Assert.Equal(
            [new CompilerDiagnostic("Calendar.cs", 6, 22, "error", "CS1513: } expected"), new CompilerDiagnostic("src/A.cs", 2, 1, "warning", "CS8618: Non-nullable field")],
            diagnostics);
    }

    [Fact]
    public void Diagnostics_GccJson_OneArrayPerTranslationUnit()
    {
        const string gcc = """
            [{"kind":"error","message":"expected ')' before '{' token","locations":[{"caret":{"file":"./vowels.cpp","line":20,"column":13}}],"children":[]}]
            [{"kind":"warning","message":"unused variable 'x'","locations":[{"caret":{"file":"./vowels_test.cpp","line":3,"column":9}}],"children":[]}]
            """;

        var diagnostics = DiagnosticsReader.Read(DiagnosticsFormat.GccJson, gcc);

        Assert.Equal(new CompilerDiagnostic("vowels.cpp", 20, 13, "error", "expected ')' before '{' token"), diagnostics[0]);
        Assert.Equal("vowels_test.cpp", diagnostics[1].File);
    }

    [Fact]
    public void Diagnostics_CargoJson_TakesThePrimarySpan()
    {
        const string cargo = """
            {"reason":"compiler-artifact","package_id":"x"}
            {"reason":"compiler-message","message":{"level":"error","message":"mismatched types","code":{"code":"E0308"},"spans":[{"file_name":"src/other.rs","line_start":1,"column_start":1,"is_primary":false},{"file_name":"src/lib.rs","line_start":4,"column_start":5,"is_primary":true}]}}
            {"reason":"build-finished","success":false}
            """;

        Assert.Equal(new CompilerDiagnostic("src/lib.rs", 4, 5, "error", "E0308: mismatched types"), Assert.Single(DiagnosticsReader.Read(DiagnosticsFormat.CargoJson, cargo)));
    }

    [Fact]
    public void Diagnostics_GoBuildText()
    {
        const string text = "# example.com/m [example.com/m.test]\n./max.go:14:14: syntax error: unexpected {, expecting )\n";

        Assert.Equal(new CompilerDiagnostic("max.go", 14, 14, "error", "syntax error: unexpected {, expecting )"), Assert.Single(DiagnosticsReader.Read(DiagnosticsFormat.GoBuildText, text)));
    }

    [Fact]
    public void Diagnostics_ReportCutShort_IsEmptyNotAnError() =>
        Assert.Empty(DiagnosticsReader.Read(DiagnosticsFormat.WandJson, """[{"file":"a.py","li"""));
}
