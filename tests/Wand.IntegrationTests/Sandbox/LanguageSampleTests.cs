using System.Text;
using Wand.Fixtures;
using Wand.Jobs;

namespace Wand.Sandbox;

/// <summary>
/// Every language's sample, as it is (one test fails) and with a syntax error put in (it does
/// not compile, and the diagnostics say where). These read as examples of what a run reports.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class LanguageSampleTests(DockerFixture docker)
{
    public static TheoryData<string, int, string, string> Samples => new()
    {
        { "python", 4, "test_stats.test_median_even_count", "assert 3.5 == 2.5" },
        { "javascript", 4, "a value above the maximum becomes the maximum", "0 !== 10" },
        { "csharp", 4, "CalendarTests.FourHundredthYearIsLeap", "Assert.True() Failure" },
        { "java", 4, "BinarySearchTest.findsTheLast()", "expected: <4> but was: <-1>" },
        { "cpp", 4, "CountVowels.CountsU", "count_vowels(\"tune\")" },
        { "go", 3, "TestMaxOfNegatives", "want -1" },
        { "rust", 3, "tests::five", "`24`" },
    };

    public static TheoryData<string, string, string> Breakages => new()
    {
        { "python", "stats.py", "def broken(:\n" },
        { "javascript", "clamp.js", "function broken( {\n" },
        { "csharp", "Calendar.cs", "public class Broken {\n" },
        { "java", "src/BinarySearch.java", "class Broken {\n" },
        { "cpp", "vowels.cpp", "int broken( {\n" },
        { "go", "max.go", "func Broken( {\n" },
        { "rust", "src/lib.rs", "fn broken( {\n" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task RunAsync_Sample_ReportsEveryTestAndTheOneFailure(string sample, int tests, string failing, string message)
    {
        var job = JobFolder.Load(RepositoryPaths.Samples(sample));

        var result = await docker.Runner.RunAsync(job, CancellationToken.None);

        Assert.True(result.Reason == ExitReason.Completed, $"{result.Reason}\n{result.Stdout}\n{result.Stderr}");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(tests, result.Tests.Count);
        var failed = Assert.Single(result.Tests, t => t.Outcome == TestOutcome.Failed);
        Assert.Equal(failing, failed.Name);
        Assert.Contains(message, failed.Message, StringComparison.Ordinal);
        Assert.Equal(tests - 1, result.Passed);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == "error");
        Assert.Equal(0, await docker.CountUsedSandboxContainersAsync());
    }

    [Theory]
    [MemberData(nameof(Breakages))]
    public async Task RunAsync_SyntaxError_IsACompileErrorWithItsLocation(string sample, string file, string broken)
    {
        var job = JobFolder.Load(RepositoryPaths.Samples(sample));
        var files = job.Files.Select(f => f.Path == file ? f with { Content = [.. f.Content, .. Encoding.UTF8.GetBytes(broken)] } : f).ToList();
        var brokenLine = Encoding.UTF8.GetString(job.Files.Single(f => f.Path == file).Content).Split('\n').Length;

        var result = await docker.Runner.RunAsync(job with { Files = files }, CancellationToken.None);

        Assert.True(result.Reason == ExitReason.CompileError, $"{result.Reason}\n{result.Stdout}\n{result.Stderr}");
        Assert.Empty(result.Tests);
        var error = result.Diagnostics.First(d => d.Severity == "error");
        Assert.Equal(file, error.File);
        Assert.InRange(error.Line, brokenLine, brokenLine + 1);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public async Task RunAsync_DotnetSolutionOfSeveralProjects_TestsEveryTestProject()
    {
        // A .sln with a library and two test projects in folders of their own (never MSB1011):
        // the solution is built, and each test project's results come back.
        var job = JobFolder.Load(RepositoryPaths.Samples("repos/dotnet-solution"));
        var source = job.Files.Single(f => f.Path == "src/Calc/Fractions.cs");
        var broken = job with { Files = [.. job.Files.Select(f => f == source ? f with { Content = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(f.Content).Replace("sign * numerator / gcd", "numerator / gcd", StringComparison.Ordinal)) } : f)] };

        var passing = await docker.Runner.RunAsync(job, CancellationToken.None);
        var failing = await docker.Runner.RunAsync(broken, CancellationToken.None);

        Assert.True(passing.AllPassed, $"{passing.Reason}\n{passing.Stdout}\n{passing.Stderr}");
        Assert.Equal(6, passing.Passed);
        Assert.Contains(passing.Tests, t => t.Name.StartsWith("Calc.Tests.GcdTests.", StringComparison.Ordinal));
        Assert.Contains(passing.Tests, t => t.Name.StartsWith("Calc.More.Tests.ReduceTests.", StringComparison.Ordinal));
        Assert.Equal("Calc.More.Tests.ReduceTests.Reduce_PutsTheSignOnTheNumerator", Assert.Single(failing.Tests, t => t.Outcome == TestOutcome.Failed).Name);
    }
}
