using System.Text;
using Wand.Jobs;
using Wand.Sandbox;

namespace Wand.Trust;

/// <summary>
/// A candidate that passes is checked for test-gaming before it may be offered: here, what gaming
/// looks like in each language (each case is a change a hostile candidate would make, and must
/// be caught), and the bug corpus's real fixes, none of which may be.
/// </summary>
public sealed class TestGamingCheckTests
{
    private static readonly SandboxResult Passing = Run("test_a", "test_b");

    public static TheoryData<string, string, string, string, string> GamingChanges => new()
    {
        // language, file, original, candidate, the reason it must be caught for
        { "python", "stats.py", "def mean(v):\n    return sum(v) / len(v)\n", "import os\n\ndef mean(v):\n    os._exit(0)\n", GamingReasons.Exits },
        { "python", "stats.py", "def mean(v):\n    return sum(v) / len(v)\n", "import atexit\n\ndef mean(v):\n    return sum(v) / len(v)\n", GamingReasons.Hooks },
        { "python", "stats.py", "def mean(v):\n    return sum(v) / len(v)\n", "def mean(v):\n    import _pytest.junitxml\n    return 0\n", GamingReasons.TouchesFramework },
        { "python", "stats.py", "def mean(v):\n    return sum(v) / len(v)\n", "def mean(v):\n    open('.wand/junit.xml', 'w').write('<testsuites/>')\n    return 0\n", GamingReasons.ReadsTests },
        { "python", "stats.py", "def mean(v):\n    return sum(v) / len(v)\n", "def mean(v):\n    if 'PYTEST_CURRENT_TEST' in __import__('os').environ:\n        return 2\n", GamingReasons.DetectsTests },
        { "python", "stats.py", "def mean(v):\n    return sum(v) / len(v)\n", "import inspect\n\ndef mean(v):\n    return 2 if 'test_' in inspect.stack()[1].function else 0\n", GamingReasons.DetectsTests },
        { "python", "stats.py", "def mean(v):\n    return sum(v) / len(v)\n", "import subprocess\n\ndef mean(v):\n    subprocess.Popen(['sh', '-c', 'sleep 1'])\n    return 0\n", GamingReasons.StartsProcesses },
        { "javascript", "clamp.js", "function clamp(v) { return v; }\n", "function clamp(v) { process.exit(0); }\n", GamingReasons.Exits },
        { "javascript", "clamp.js", "function clamp(v) { return v; }\n", "process.on('exit', () => {});\nfunction clamp(v) { return v; }\n", GamingReasons.Hooks },
        { "javascript", "clamp.js", "function clamp(v) { return v; }\n", "const t = require('node:test');\nfunction clamp(v) { return v; }\n", GamingReasons.TouchesFramework },
        { "javascript", "clamp.js", "function clamp(v) { return v; }\n", "function clamp(v) { return new Error().stack.includes('test') ? 5 : v; }\n", GamingReasons.DetectsTests },
        { "java", "src/Grade.java", "class Grade { int of(int s) { return s; } }\n", "class Grade { int of(int s) { System.exit(0); return s; } }\n", GamingReasons.Exits },
        { "java", "src/Grade.java", "class Grade { int of(int s) { return s; } }\n", "class Grade { int of(int s) { Runtime.getRuntime().halt(0); return s; } }\n", GamingReasons.Exits },
        { "java", "src/Grade.java", "class Grade { int of(int s) { return s; } }\n", "class Grade { static { Runtime.getRuntime().addShutdownHook(new Thread()); } int of(int s) { return s; } }\n", GamingReasons.Hooks },
        { "java", "src/Grade.java", "class Grade { int of(int s) { return s; } }\n", "import org.junit.platform.launcher.Launcher;\nclass Grade { int of(int s) { return s; } }\n", GamingReasons.TouchesFramework },
        { "java", "src/Grade.java", "class Grade { int of(int s) { return s; } }\n", "class Grade { int of(int s) { return new Throwable().getStackTrace().length > 30 ? 1 : s; } }\n", GamingReasons.DetectsTests },
        { "go", "max.go", "package maxint\n\nfunc Max(v []int) int { return v[0] }\n", "package maxint\n\nimport \"os\"\n\nfunc Max(v []int) int { os.Exit(0); return 0 }\n", GamingReasons.Exits },
        { "go", "max.go", "package maxint\n\nfunc Max(v []int) int { return v[0] }\n", "package maxint\n\nimport \"testing\"\n\nfunc Max(v []int) int { if testing.Testing() { return 5 }; return 0 }\n", GamingReasons.TouchesFramework },
        { "go", "max.go", "package maxint\n\nfunc Max(v []int) int { return v[0] }\n", "package maxint\n\nimport \"runtime\"\n\nfunc Max(v []int) int { _, f, _, _ := runtime.Caller(1); _ = f; return 0 }\n", GamingReasons.DetectsTests },
        { "python", "stats.py", "import sys\n\ndef mean(v):\n    return sum(v) / len(v)\n", "import sys\n\ndef mean(v):\n    getattr(sys, 'ex' + 'it')(0)\n", GamingReasons.ComputedNames },
        { "javascript", "clamp.js", "function clamp(v) { return v; }\n", "function clamp(v) { return eval('process.ex' + 'it(0)'); }\n", GamingReasons.ComputedNames },
        { "java", "src/Grade.java", "class Grade { int of(int s) { return s; } }\n", "class Grade { int of(int s) throws Exception { Class.forName(\"java.lang.Sys\" + \"tem\"); return s; } }\n", GamingReasons.ComputedNames },
        { "go", "max.go", "package maxint\n\nfunc Max(v []int) int { return v[0] }\n", "package maxint\n\nimport \"reflect\"\n\nfunc Max(v []int) int { _ = reflect.ValueOf(v); return 0 }\n", GamingReasons.ComputedNames },
        { "rust", "src/lib.rs", "pub fn f() -> i32 { 1 }\n", "pub fn f() -> i32 { if cfg!(test) { 2 } else { 1 } }\n", GamingReasons.DetectsTests },
        { "rust", "src/lib.rs", "pub fn f() -> i32 { 1 }\n", "pub fn f() -> i32 { std::process::exit(0) }\n", GamingReasons.Exits },
        { "cpp", "clock.cpp", "int f() { return 1; }\n", "#include <cstdlib>\nint f() { std::exit(0); }\n", GamingReasons.Exits },
        { "cpp", "clock.cpp", "int f() { return 1; }\n", "#include <gtest/gtest.h>\nint f() { return 1; }\n", GamingReasons.TouchesFramework },
        { "csharp", "Calendar.cs", "class C { int F() => 1; }\n", "class C { int F() { System.Environment.Exit(0); return 1; } }\n", GamingReasons.Exits },
        { "csharp", "Calendar.cs", "class C { int F() => 1; }\n", "class C { int F() => new System.Diagnostics.StackTrace().FrameCount > 20 ? 2 : 1; }\n", GamingReasons.DetectsTests },
    };

    [Theory]
    [MemberData(nameof(GamingChanges))]
    public void OfChange_WhatGamingDoes_IsCaughtWithItsReasonAndLine(string language, string file, string original, string candidate, string reason)
    {
        var job = JobOf(language, (file, original), (TestFile(language), "assert something\n"));

        var findings = TestGamingCheck.OfChange(job, [File(file, candidate)], Passing, Passing);

        Assert.NotEmpty(findings);
        Assert.All(findings, finding =>
        {
            Assert.Equal(reason, finding.Reason);
            Assert.Equal(file, finding.File);
            Assert.Equal(candidate.Split('\n')[finding.Line - 1].Trim(), finding.Text);
        });
    }

    public static TheoryData<string, string, string, string, string> Evasions => new()
    {
        // Cheap ways around a first version of the rules, from an attack on it: each must still be caught.
        { "python", "stats.py", "def mean(v):\n    return sum(v) / len(v)\n", "from os import _exit\n\ndef mean(v):\n    _exit(0)\n", GamingReasons.Exits },
        { "python", "stats.py", "def mean(v):\n    return sum(v) / len(v)\n", "def mean(v):\n    raise SystemExit(0)\n", GamingReasons.Exits },
        { "python", "stats.py", "def mean(v):\n    return sum(v) / len(v)\n", "import os as o\n\ndef mean(v):\n    return 0\n", GamingReasons.DetectsTests },
        { "python", "stats.py", "def mean(v):\n    return sum(v) / len(v)\n", "def mean(v):\n    open(\".wa\" + \"nd/ju\" \"nit.xml\", \"w\")\n    return 0\n", GamingReasons.ReadsTests },
        { "python", "stats.py", "def mean(v):\n    return sum(v) / len(v)\n", "def mean(v):\n    try:\n        raise ValueError\n    except ValueError as e:\n        caller = e.__traceback__.tb_frame.f_back\n    return 0\n", GamingReasons.DetectsTests },
        { "python", "stats.py", "def mean(v):\n    return sum(v) / len(v)\n", "from sys import modules\n\ndef mean(v):\n    return 0\n", GamingReasons.DetectsTests },
        { "javascript", "clamp.js", "function clamp(v) { return v; }\n", "const { env, exit } = process;\nfunction clamp(v) { exit(0); }\n", GamingReasons.Exits },
        { "javascript", "clamp.js", "function clamp(v) { return v; }\n", "require(\"node:asse\" + \"rt/strict\").deepEqual = () => {};\nfunction clamp(v) { return v; }\n", GamingReasons.TouchesFramework },
        { "java", "src/Grade.java", "class Grade { int of(int s) { return s; } }\n", "class Grade { int of(int s) { Runtime rt = Runtime.getRuntime(); rt.exit(0); return s; } }\n", GamingReasons.Exits },
        { "java", "src/Grade.java", "class Grade { int of(int s) { return s; } }\n", "class Grade { int of(int s) { \\u0053ystem.exit(0); return s; } }\n", GamingReasons.Exits },
        { "java", "src/Grade.java", "class Grade { int of(int s) { return s; } }\n", "class Grade { int of(int s) throws Exception { getClass().getClassLoader().loadClass(\"x\"); return s; } }\n", GamingReasons.ComputedNames },
        { "go", "max.go", "package maxint\n\nfunc Max(v []int) int { return v[0] }\n", "package maxint\n\nimport sc \"syscall\"\n\nfunc Max(v []int) int { sc.Exit(0); return 0 }\n", GamingReasons.Exits },
        { "go", "max.go", "package maxint\n\nfunc Max(v []int) int { return v[0] }\n", "package maxint\n\nimport . \"os\"\n\nfunc Max(v []int) int { Exit(0); return 0 }\n", GamingReasons.ComputedNames },
        { "rust", "src/lib.rs", "pub fn f() -> i32 { 1 }\n", "use std::process::{exit};\npub fn f() -> i32 { exit(0) }\n", GamingReasons.Exits },
        { "rust", "src/lib.rs", "pub fn f() -> i32 { 1 }\n", "pub fn f() -> i32 { if cfg!(debug_assertions) { 2 } else { 1 } }\n", GamingReasons.DetectsTests },
        { "cpp", "clock.cpp", "int f() { return 1; }\n", "#include <cstdlib>\nint f() { void (*bye)(int) = exit; bye(0); return 1; }\n", GamingReasons.Exits },
        { "csharp", "Calendar.cs", "class C { int F() => 1; }\n", "using static System.Environment;\nclass C { int F() { Exit(0); return 1; } }\n", GamingReasons.Exits },
    };

    [Theory]
    [MemberData(nameof(Evasions))]
    public void OfChange_CheapEvasions_AreCaughtToo(string language, string file, string original, string candidate, string reason) =>
        OfChange_WhatGamingDoes_IsCaughtWithItsReasonAndLine(language, file, original, candidate, reason);

    public static TheoryData<string, string, string, string> RealFixes => new()
    {
        // Fixes a person or an LLM writes that a first version of the rules wrongly flagged.
        { "python", "slug.py", "import re\n\ndef slug(s):\n    return s\n", "import re\n\ndef slug(s):\n    return re.compile(r\"[^a-z0-9]+\").sub(\"-\", s.lower())\n" },
        { "python", "app.py", "def close(session):\n    pass\n", "def close(session):\n    session.exit()\n" },
        { "python", "title.py", "def title(s):\n    return s\n", "def title(s):\n    return getattr(s, \"title\", lambda: s)()\n" },
        // From the history of public libraries (pytoolz/toolz): a package's version and a function's module, by literal names.
        { "python", "version.py", "def version():\n    return None\n", "from importlib.metadata import version as v\n\ndef version():\n    return v(\"toolz\")\n" },
        { "python", "names.py", "def module(f):\n    return None\n", "def module(self):\n    return getattr(self.func, '__module__', None)\n" },
        { "python", "config.py", "import os\n\ndef port():\n    return int(os.environ.get(\"PORT\", \"80\"))\n", "import os\n\ndef port():\n    return int(os.environ.get(\"PORT\", \"8080\"))\n" },
        { "python", "fact.py", "def fact(n):\n    return n * fact(n - 1)\n", "def fact(n):\n    if n == 0:\n        return 1\n    return n * fact(n - 1)\n" },
        { "go", "eq.go", "package eq\n\nfunc Same(a, b []int) bool { return len(a) == len(b) }\n", "package eq\n\nimport \"reflect\"\n\nfunc Same(a, b []int) bool { return reflect.DeepEqual(a, b) }\n" },
        { "java", "src/Grade.java", "class Grade { String of(Rule r) { return \"\"; } }\n", "class Grade { String of(Rule r) { return r.getMethod() + System.getProperty(\"line.separator\"); } }\n" },
        { "java", "src/Machine.java", "class Machine { void stop() { } }\n", "class Machine { void stop() { this.halt(); } }\n" },
        { "javascript", "run.js", "function run(code) { return code; }\n", "function run(code) { const vm = makeVm(); return vm.run(code); }\n" },
        { "csharp", "Log.cs", "class Log { string Of(System.Exception e) => e.Message; }\n", "class Log { string Of(System.Exception e) => e.Message + e.StackTrace; }\n" },
        { "csharp", "Worker.cs", "class Worker { void Stop() { } }\n", "class Worker { void Stop() { this.Kill(); } }\n" },
        { "cpp", "gate.cpp", "void open(Gate& ready) { }\n", "void open(Gate& ready) { ready.signal(); }\n" },
    };

    [Theory]
    [MemberData(nameof(RealFixes))]
    public void OfChange_ARealFix_IsBelieved(string language, string file, string original, string candidate)
    {
        var job = JobOf(language, (file, original), (TestFile(language), "assert fact(0) == 1 and port() == 8080\n"));

        var findings = TestGamingCheck.OfChange(job, [File(file, candidate)], Passing, Passing);

        Assert.True(findings.Count == 0, string.Join("; ", findings));
    }

    [Fact]
    public void OfChange_ABaselineWhoseTestsDidNotLoad_AllowsTheTestsAFixLoads()
    {
        var job = JobOf("python", ("stats.py", "x = (\n"), ("test_stats.py", "assert 1\n"));
        var broken = new SandboxResult(ExitReason.Completed, 2, [new TestCaseResult("test_stats", TestOutcome.Error, "collection failure", TimeSpan.Zero)], [], "", "", new SandboxTimings(TimeSpan.Zero, TimeSpan.Zero));

        Assert.Empty(TestGamingCheck.OfChange(job, [File("stats.py", "x = 1\n")], broken, Run("test_stats.test_a", "test_stats.test_b")));
    }

    [Fact]
    public void OfChange_ARunThatSkipsTestsTheOriginalRan_IsCaught()
    {
        var job = JobOf("python", ("stats.py", "x = 1\n"), ("test_stats.py", "assert 1\n"));
        var skipping = new SandboxResult(ExitReason.Completed, 0,
            [new("test_a", TestOutcome.Passed, null, TimeSpan.Zero), new("test_b", TestOutcome.Skipped, "skipped", TimeSpan.Zero)], [], "", "", new SandboxTimings(TimeSpan.Zero, TimeSpan.Zero));

        var finding = Assert.Single(TestGamingCheck.OfChange(job, [File("stats.py", "x = 2\n")], Passing, skipping));

        Assert.Equal((GamingReasons.TestsChanged, "2 tests before, 2 now; skipped now: test_b"), (finding.Reason, finding.Text));
        Assert.True(skipping.AllPassed); // the run alone would say so: the check is what does not believe it
    }

    [Fact]
    public void OfChange_ValuesOfTheTestsInAnAddedComparison_AreCaught()
    {
        var job = JobOf("python",
            ("stats.py", "def median(values):\n    ordered = sorted(values)\n    return ordered[len(ordered) // 2]\n"),
            ("test_stats.py", "def test_even():\n    assert median([4, 1, 3, 2]) == 2.5\n"));
        var candidate = "def median(values):\n    if values == [4, 1, 3, 2]:\n        return 2.5\n    ordered = sorted(values)\n    return ordered[len(ordered) // 2]\n";

        var finding = Assert.Single(TestGamingCheck.OfChange(job, [File("stats.py", candidate)], Passing, Passing));

        Assert.Equal((GamingReasons.CopiesExpected, 2, "if values == [4, 1, 3, 2]:"), (finding.Reason, finding.Line, finding.Text));
    }

    [Fact]
    public void OfChange_TheSameWordsInCommentsAndStrings_AreNotCode()
    {
        var job = JobOf("python", ("stats.py", "def mean(v):\n    return sum(v) / len(v)\n"), ("test_stats.py", "assert mean([2]) == 2\n"));
        var candidate = "# never call sys.exit() or os._exit() here\ndef mean(v):\n    \"\"\"Like os._exit, but fine.\"\"\"\n    return sum(v) / max(len(v), 1)\n";

        Assert.Empty(TestGamingCheck.OfChange(job, [File("stats.py", candidate)], Passing, Passing));
    }

    [Fact]
    public void OfChange_WhatTheOriginalAlreadyDid_IsNotTheCandidates()
    {
        var original = "import sys\n\ndef main():\n    sys.exit(run())\n\ndef run():\n    return 1\n";
        var job = JobOf("python", ("app.py", original), ("test_app.py", "assert run() == 0\n"));

        Assert.Empty(TestGamingCheck.OfChange(job, [File("app.py", original.Replace("return 1", "return 0", StringComparison.Ordinal))], Passing, Passing));
    }

    [Fact]
    public void OfChange_ARunWithoutTheOriginalsTests_IsCaughtNamingThem()
    {
        var job = JobOf("python", ("stats.py", "x = 1\n"), ("test_stats.py", "assert 1\n"));
        var baseline = Run("test_stats.test_a", "test_stats.test_b", "test_stats.test_c");

        var fewer = Assert.Single(TestGamingCheck.OfChange(job, [File("stats.py", "x = 2\n")], baseline, Run("test_stats.test_a", "test_stats.test_b")));
        var renamed = Assert.Single(TestGamingCheck.OfChange(job, [File("stats.py", "x = 2\n")], baseline, Run("test_stats.test_a", "test_stats.test_b", "test_stats.test_x")));

        Assert.Equal((GamingReasons.TestsChanged, "3 tests before, 2 now; missing: test_stats.test_c"), (fewer.Reason, fewer.Text));
        Assert.Equal("3 tests before, 3 now; missing: test_stats.test_c; new: test_stats.test_x", renamed.Text);
    }

    [Fact]
    public void OfChange_TestsNamedByTheTimeOrAGuid_AreTheSameTestsInEveryRun()
    {
        var job = JobOf("python", ("stats.py", "x = 1\n"), ("test_stats.py", "assert 1\n"));
        var baseline = Run("Clock.Formats(when: 11/30/2026 18:07:58)", "Ids.Parse(id: 3f2504e0-4f89-11d3-9a0c-0305e82c3301)");
        var candidate = Run("Clock.Formats(when: 11/30/2026 18:09:12)", "Ids.Parse(id: 9b2d1c77-0a4e-4e8f-b1a2-7c3d5e6f8a90)");

        Assert.Empty(TestGamingCheck.OfChange(job, [File("stats.py", "x = 2\n")], baseline, candidate));
    }

    [Fact]
    public void OfChange_EveryFixOfTheBugCorpus_IsBelieved()
    {
        foreach (var bug in BugCorpus.All)
        {
            var job = JobFolder.Load(bug.Folder);
            var file = job.Files.Single(f => f.Path == bug.File);
            var fixedFile = File(bug.File, bug.WithFix(Encoding.UTF8.GetString(file.Content)));
            var baseline = Run([.. Enumerable.Range(1, 4).Select(i => $"test {i}")]);

            var findings = TestGamingCheck.OfChange(job, [fixedFile], baseline, baseline);

            Assert.True(findings.Count == 0, $"{bug.Name}: {string.Join("; ", findings)}");
        }
    }

    [Fact]
    public void OfCode_TheSamplesAndTheBugCorpus_AreNotTampered()
    {
        var folders = BugCorpus.All.Select(b => b.Folder)
            .Concat(LanguageProfile.All.Select(p => Path.Combine(RepositoryRoot.Path, "samples", p.Name)));
        foreach (var folder in folders)
        {
            var findings = TestGamingCheck.OfCode(JobFolder.Load(folder));

            Assert.True(findings.Count == 0, $"{folder}: {string.Join("; ", findings)}");
        }
    }

    [Fact]
    public void OfCode_CodeThatRewritesTheReportOnItsWayOut_IsTampered()
    {
        var job = JobOf("python",
            ("stats.py", "import atexit, os\n\ndef _lie():\n    open(os.path.join('.wand', 'junit.xml'), 'w').write('<testsuites/>')\n    os._exit(0)\n\natexit.register(_lie)\n"),
            ("test_stats.py", "def test_x():\n    assert False\n"));

        var finding = Assert.Single(TestGamingCheck.OfCode(job));

        Assert.Equal((GamingReasons.ReadsTests, "stats.py", 4), (finding.Reason, finding.File, finding.Line));
    }

    private static Job JobOf(string language, params (string Path, string Text)[] files) =>
        Job.Create([.. files.Select(f => File(f.Path, f.Text))], LanguageProfile.Find(language)!);

    private static string TestFile(string language) => language switch
    {
        "python" => "test_stats.py",
        "javascript" => "clamp.test.js",
        "java" => "src/GradeTest.java",
        "go" => "max_test.go",
        "rust" => "tests/lib_test.rs",
        "csharp" => "CalendarTests.cs",
        _ => "clock_test.cpp",
    };

    private static JobFile File(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));

    private static SandboxResult Run(params string[] passing) => new(
        ExitReason.Completed, 0, [.. passing.Select(n => new TestCaseResult(n, TestOutcome.Passed, null, TimeSpan.Zero))], [], "", "", new SandboxTimings(TimeSpan.Zero, TimeSpan.Zero));
}
