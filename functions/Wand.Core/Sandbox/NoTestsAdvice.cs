using System.Text.RegularExpressions;
using Wand.Jobs;

namespace Wand.Sandbox;

/// <summary>
/// What to tell someone whose run found no test: how the language's runner finds tests, and
/// how to point it at theirs. One wording, shown by <c>wand run</c>, the reports and the API.
/// </summary>
public static partial class NoTestsAdvice
{
    /// <param name="stdout">The run's stdout: a test host that could not start says why there.</param>
    /// <param name="stderr">The run's stderr: the image's runner says there what it found wrong (lines that start "wand: "), which is more to the point than how tests are found.</param>
    public static string For(LanguageProfile language, string testCommand, string stdout, string stderr)
    {
        var runnerSaid = stderr.Split('\n').Where(l => l.StartsWith(RunnerPrefix, StringComparison.Ordinal)).Select(l => l[RunnerPrefix.Length..].Trim()).ToList();
        if (runnerSaid.Count > 0)
        {
            return $"no test ran: {string.Join(" ", runnerSaid)}";
        }

        // A test project for an older .NET builds with the image's SDK, then its test host finds no runtime of its version.
        if (MissingDotnetRuntime().Match(stdout + "\n" + stderr) is { Success: true } missing)
        {
            return $"no test ran: the test host needs the .NET {missing.Groups["version"].Value} runtime, and the image has only its own .NET's; "
                + $"run the tests on it with test: DOTNET_ROLL_FORWARD=Major {testCommand} in {JobSettings.FileName}, or name an image with that runtime in image:";
        }

        if (testCommand != LanguageProfile.DefaultTestCommand)
        {
            return $"no test ran: the test command '{testCommand}' left no test report; it should write {ReportFormat(language)} to {language.TestReportPath}";
        }

        var how = language.Name switch
        {
            "python" => "pytest runs files named test_*.py or *_test.py, functions named test_* and classes named Test* with no __init__",
            "javascript" => "the framework package.json's test script calls (jest, mocha or vitest, installed by setup: npm ci, or npm install without a package-lock.json) runs the tests it finds; with none, node --test runs files named *.test.js, *-test.js, *_test.js, test-*.js, test.js and every .js file under a test/ folder",
            "java" => "a Maven project (pom.xml) runs mvn test, a Gradle one (build.gradle) gradle test, with their own rules for test classes (Maven's surefire: Test*, *Test, *Tests, *TestCase under src/test/java); without either, the JUnit console launcher runs the @Test methods (JUnit 5's org.junit.jupiter.api.Test or JUnit 4's org.junit.Test) of every class it compiled",
            "go" => "go test runs func TestXxx(t *testing.T) in files named *_test.go",
            "rust" => "cargo test runs functions marked #[test], in src/ or tests/",
            "cpp" => "the GoogleTest binary runs TEST() and TEST_F() cases of every .c/.cc/.cpp file",
            "csharp" => "dotnet test runs xunit [Fact] and [Theory] methods of public classes",
            _ => "the image's wand-test found nothing to run",
        };
        return $"no test ran: {how}. Name your tests that way, or set test: in {JobSettings.FileName} to a command that runs them and writes {ReportFormat(language)} to {language.TestReportPath}";
    }

    private const string RunnerPrefix = "wand: ";

    [GeneratedRegex(@"You must install or update \.NET to run this application\.[\s\S]{0,400}?Framework: 'Microsoft\.NETCore\.App', version '(?<version>[0-9][0-9.]*)'")]
    private static partial Regex MissingDotnetRuntime();

    private static string ReportFormat(LanguageProfile language) => language.TestReport switch
    {
        TestReportFormat.GoTestJson => "go test -json's events",
        TestReportFormat.LibtestJson => "libtest's JSON events",
        _ => "JUnit XML",
    };
}
