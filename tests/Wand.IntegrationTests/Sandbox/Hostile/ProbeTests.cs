using System.Text;
using Wand.Jobs;

namespace Wand.Sandbox.Hostile;

/// <summary>
/// A test, in a language's own test framework, that runs one of the shell probes beside it
/// (forge.sh, leave.sh, check.sh, poison.sh) and fails with the probe's output unless it exits 0:
/// the candidate's own code doing what a hostile candidate would, from inside its test run.
/// </summary>
internal static class ProbeTests
{
    public static readonly string[] Languages = ["python", "javascript", "java", "go"];

    /// <summary>The probe scripts, as job files at the job's root.</summary>
    public static IReadOnlyList<JobFile> Scripts { get; } =
    [
        .. new[] { "forge.sh", "leave.sh", "check.sh", "poison.sh" }.Select(name => new JobFile(name,
            System.IO.File.ReadAllBytes(Path.Combine(Fixtures.RepositoryPaths.Root, "tests", "Wand.IntegrationTests", "Sandbox", "Hostile", name)))),
    ];

    /// <summary>A test file of <paramref name="language"/> whose one test runs <paramref name="script"/>; its test's name contains <paramref name="name"/>.</summary>
    public static JobFile For(string language, string name, string script) => language switch
    {
        "python" => File($"test_probe_{name}.py", $$"""
            import subprocess

            def test_probe_{{name}}():
                run = subprocess.run(["sh", "{{script}}"], capture_output=True, text=True)
                assert run.returncode == 0, run.stdout + run.stderr
            """),
        "javascript" => File($"probe_{name}.test.js", $$"""
            const test = require("node:test");
            const assert = require("node:assert/strict");
            const { spawnSync } = require("node:child_process");

            test("probe_{{name}}", () => {
              const run = spawnSync("sh", ["{{script}}"], { encoding: "utf8" });
              assert.equal(run.status, 0, run.stdout + run.stderr);
            });
            """),
        "java" => File($"src/Probe_{name}Test.java", $$"""
            import static org.junit.jupiter.api.Assertions.assertEquals;

            import org.junit.jupiter.api.Test;

            class Probe_{{name}}Test {
                @Test
                void probe() throws Exception {
                    Process run = new ProcessBuilder("sh", "{{script}}").redirectErrorStream(true).start();
                    String output = new String(run.getInputStream().readAllBytes());
                    assertEquals(0, run.waitFor(), output);
                }
            }
            """),
        "go" => File($"probe_{name}_test.go", $$"""
            package maxint

            import (
            	"os/exec"
            	"testing"
            )

            func TestProbe_{{name}}(t *testing.T) {
            	if output, err := exec.Command("sh", "{{script}}").CombinedOutput(); err != nil {
            		t.Fatalf("%v: %s", err, output)
            	}
            }
            """),
        "cpp" => File($"probe_{name}_test.cpp", $$"""
            #include <gtest/gtest.h>

            #include <cstdlib>

            TEST(Probe_{{name}}, Runs) { EXPECT_EQ(0, std::system("sh {{script}}")); }
            """),
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "no probe test for this language"),
    };

    /// <summary>The probe's test in a result: found by the name it was given.</summary>
    public static TestCaseResult In(SandboxResult result, string name) =>
        Assert.Single(result.Tests, t => t.Name.Contains($"probe_{name}", StringComparison.OrdinalIgnoreCase) || t.Name.Contains($"Probe_{name}", StringComparison.Ordinal));

    private static JobFile File(string path, string content) => new(path, Encoding.UTF8.GetBytes(content));
}
