using Docker.DotNet.Models;
using Wand.Fixtures;

namespace Wand.Cli;

/// <summary>`wand run` on the samples, as a process.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class RunCommandTests(DockerFixture docker)
{
    [Fact]
    public async Task Run_PythonSampleWithOneBug_ShowsTheFailingTestAndExitsOne()
    {
        var owner = Guid.NewGuid().ToString("N");
        var result = await WandProcess.RunAsync(new Dictionary<string, string?> { ["Wand__Sandbox__Owner"] = owner }, "run", "samples/python");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("4 tests, 3 passed, 1 failed; completed", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("FAIL  test_stats.test_median_even_count", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("assert 3.5 == 2.5", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, await docker.CountSandboxContainersOfAsync(owner));
    }

    [Fact]
    public async Task Run_MissingFolder_IsBadInputExitTwo()
    {
        var result = await WandProcess.RunAsync(new Dictionary<string, string?>(), "run", "samples/no-such-sample");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("job folder 'samples/no-such-sample' does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DockerUnreachable_IsEnvironmentExitThreeWithoutStackTrace()
    {
        var result = await WandProcess.RunAsync(new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix:///tmp/wand-no-such-docker.sock" }, "run", "samples/python");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("cannot reach Docker", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Json_GivesTheStructuredResult()
    {
        var result = await WandProcess.RunAsync(new Dictionary<string, string?>(), "run", "samples/go", "--json");

        Assert.Equal(1, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal("completed", root.GetProperty("reason").GetString());
        Assert.Equal(3, root.GetProperty("tests").GetArrayLength());
        Assert.Equal(2, root.GetProperty("passed").GetInt32());
        Assert.Contains(root.GetProperty("tests").EnumerateArray(), t => t.GetProperty("outcome").GetString() == "failed" && t.GetProperty("message").GetString()!.Contains("want -1", StringComparison.Ordinal));
        Assert.True(root.GetProperty("timings").GetProperty("run").GetString() is { Length: > 0 });
    }

    [Fact]
    public async Task Run_WandYmlTestCommandAndTimeout_AreUsed()
    {
        var folder = Directory.CreateTempSubdirectory("wand-run-yml-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "slow.py"), "import time\ntime.sleep(600)\n");
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, ".wand.yml"), "test: python3 slow.py\ntimeoutSeconds: 2\n");

            var result = await WandProcess.RunAsync(new Dictionary<string, string?>(), "run", folder.FullName);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("timed out", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Run_UnknownLanguage_IsBadInputNamingIt()
    {
        var result = await WandProcess.RunAsync(new Dictionary<string, string?>(), "run", "samples/python", "--language", "cobol");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown language 'cobol'; known: python, javascript, csharp, java, cpp, go, rust", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_JavaTestsWhateverTheirClassNames_AreFoundByAnnotation_JUnit5And4()
    {
        using var folders = new JobFolders();
        var folder = folders.Of(new Dictionary<string, string>
        {
            ["Calc.java"] = "public final class Calc {\n    public static int add(int a, int b) { return a + b; }\n}\n",
            ["CALC_CHECK.java"] = "import static org.junit.jupiter.api.Assertions.assertEquals;\n\nimport org.junit.jupiter.api.Test;\n\nclass CALC_CHECK {\n    @Test\n    void adds() { assertEquals(3, Calc.add(1, 2)); }\n}\n",
            ["CalcSpec.java"] = "import static org.junit.Assert.assertEquals;\n\nimport org.junit.Test;\n\npublic class CalcSpec {\n    @Test\n    public void addsNegatives() { assertEquals(-3, Calc.add(-1, -2)); }\n}\n",
        });

        var text = await WandProcess.RunAsync(new Dictionary<string, string?>(), "run", folder);

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("2 tests, 2 passed, 0 failed; completed", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("CalcSpec.addsNegatives", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_JavaWithoutAnyTest_SaysNoTestRanAndHowTestsAreFound()
    {
        using var folders = new JobFolders();
        var folder = folders.Of(new Dictionary<string, string>
        {
            ["Calc.java"] = "public final class Calc {\n    public static int add(int a, int b) { return a + b; }\n}\n",
        });

        var json = await WandProcess.RunAsync(new Dictionary<string, string?>(), "run", folder, "--json");

        Assert.Equal(1, json.ExitCode);
        using var result = System.Text.Json.JsonDocument.Parse(json.Stdout);
        Assert.Equal("noTests", result.RootElement.GetProperty("reason").GetString());
        Assert.StartsWith("no test ran: a Maven project (pom.xml) runs mvn test, a Gradle one (build.gradle) gradle test", result.RootElement.GetProperty("advice").GetString(), StringComparison.Ordinal);
        Assert.Contains("without either, the JUnit console launcher runs the @Test methods", result.RootElement.GetProperty("advice").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CodeThatRewritesItsOwnReportOnItsWayOut_IsTamperedAndExitsOne()
    {
        using var folders = new JobFolders();
        var folder = folders.Of(new Dictionary<string, string>
        {
            // Both ways out of a run: the interpreter's exit (atexit) and os._exit (the warm Python agent's).
            ["calc.py"] = "import atexit, os\n\ndef _lie():\n    open('.wand/junit.xml', 'w').write('<testsuite><testcase classname=\"test_calc\" name=\"test_add\"/></testsuite>')\n    _exit(0)\n\n_exit = os._exit\nos._exit = lambda status: _lie()\natexit.register(_lie)\n\ndef add(a, b):\n    return a - b\n",
            ["test_calc.py"] = "from calc import add\n\ndef test_add():\n    assert add(1, 2) == 3\n",
        });

        var json = await WandProcess.RunAsync(new Dictionary<string, string?>(), "run", folder, "--json");

        // The lie works on the run (its one test "passes", exit 0); the check is what says otherwise.
        Assert.Equal(1, json.ExitCode);
        using var result = System.Text.Json.JsonDocument.Parse(json.Stdout);
        Assert.Equal(("completed", 0, 1), (result.RootElement.GetProperty("reason").GetString(), result.RootElement.GetProperty("exitCode").GetInt32(), result.RootElement.GetProperty("passed").GetInt32()));
        var tampered = Assert.Single(result.RootElement.GetProperty("tampered").EnumerateArray());
        Assert.Equal("reads the tests or the run's own files", tampered.GetProperty("reason").GetString());
        Assert.Equal(("calc.py", 4), (tampered.GetProperty("file").GetString(), tampered.GetProperty("line").GetInt32()));
    }

    [Fact]
    public async Task Run_TheJobLimits_AreTheOperatorsSettings()
    {
        using var folders = new JobFolders();
        var folder = folders.Of(new Dictionary<string, string>
        {
            ["calc.py"] = "def add(a, b):\n    return a + b\n",
            ["test_calc.py"] = "from calc import add\n\ndef test_add():\n    assert add(1, 2) == 3\n",
            ["README.md"] = "Adds.\n",
        });

        var small = await WandProcess.RunAsync(new Dictionary<string, string?> { ["Wand__Jobs__MaxFiles"] = "2" }, "run", folder);
        var invalid = await WandProcess.RunAsync(new Dictionary<string, string?> { ["Wand__Jobs__MaxTotalBytes"] = "10" }, "run", folder);

        Assert.Equal(2, small.ExitCode);
        Assert.Contains("holds more than 2 files", small.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("Wand:Jobs is invalid", invalid.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AJobWithANewSetup_SaysItsEnvironmentIsBeingMade_OnlyTheFirstTime()
    {
        using var folders = new JobFolders();
        var folder = folders.Of(new Dictionary<string, string>
        {
            [".wand.yml"] = $"setup: echo {Guid.NewGuid():N} > /tmp/marker\n",
            ["calc.py"] = "def add(a, b):\n    return a + b\n",
            ["test_calc.py"] = "from calc import add\n\ndef test_add():\n    assert add(1, 2) == 3\n",
        });
        // Another name for the same image (a user's own tag, a second prefix's build) is not the one the job runs from.
        var alias = $"aaa-wand-alias-{Guid.NewGuid():N}";
        await docker.Connection.Client.Images.TagImageAsync("wand-sandbox-python:latest", new ImageTagParameters { RepositoryName = alias, Tag = "latest" });

        try
        {
            var first = await WandProcess.RunAsync(new Dictionary<string, string?>(), "run", folder);
            var second = await WandProcess.RunAsync(new Dictionary<string, string?>(), "run", folder);

            Assert.Equal(0, first.ExitCode);
            Assert.StartsWith("making the job's environment, once (later runs reuse it): echo ", first.Stdout, StringComparison.Ordinal);
            Assert.Contains("(from wand-sandbox-python:latest, with ", first.Stdout, StringComparison.Ordinal);
            Assert.Equal(0, second.ExitCode);
            Assert.DoesNotContain("making the job's environment", second.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await docker.Connection.Client.Images.DeleteImageAsync($"{alias}:latest", new ImageDeleteParameters());
        }
    }
}
