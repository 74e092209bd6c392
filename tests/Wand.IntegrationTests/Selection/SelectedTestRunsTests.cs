using System.Text;
using Wand.Fixtures;
using Wand.Jobs;
using Wand.Repair;
using Wand.Sandbox;

namespace Wand.Selection;

/// <summary>
/// Candidates run on the tests chosen for them, against real Docker, as a hostile candidate
/// would try them: nothing it does when only some tests run makes it pass.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class SelectedTestRunsTests(DockerFixture docker)
{
    // samples/repos/py-inventory: money.py's split gives the odd cent to one part too many.
    private static readonly Job Inventory = JobFolder.Load(RepositoryPaths.Samples("repos/py-inventory"));

    private const string Fixed = "    return [base + (1 if i < rest else 0) for i in range(parts)]\n";

    [Fact]
    public async Task AFix_RunsItsChosenTestsFirst_ThenTheWholeSuite_AndPasses()
    {
        var (runs, parent) = await StartAsync(Inventory);

        var results = await runs.RunAsync([Candidate(Inventory, parent, Money(Fixed)), Candidate(Inventory, parent, Money("    return []\n"))], default);

        Assert.True(results[0].AllPassed, Describe(results[0]));
        Assert.Null(results[0].SelectedTests);
        Assert.Equal(parent.Tests.Count, results[0].Tests.Count);
        // The wrong one failed its chosen tests: the whole suite never ran for it.
        Assert.Equal(["tests/test_money.py"], results[1].SelectedTests);
        Assert.All(results[1].Tests, t => Assert.StartsWith("tests.test_money.", t.Name, StringComparison.Ordinal));
        Assert.Equal(new TestSelectionTally(2, 1, 1, 1, (3 * 13) + parent.Tests.Count, 2 * parent.Tests.Count), runs.Tally); // the check, two candidates on test_money.py, one whole suite
        Assert.Empty(runs.Unused);
    }

    [Fact]
    public async Task ACandidateThatPassesItsChosenTests_AndBreaksAnotherFilesTest_IsNotAPass()
    {
        // add_tax at a rate of 0 is off by one: test_money.py never tries that rate, test_pricing.py
        // (which does not name the money module) does.
        var (runs, parent) = await StartAsync(Inventory);
        var broken = Money(Fixed).Replace("    return int(round(amount * (1 + rate)))", "    return amount + 1 if rate == 0 else int(round(amount * (1 + rate)))", StringComparison.Ordinal);

        var result = (await runs.RunAsync([Candidate(Inventory, parent, broken)], default))[0];

        Assert.False(result.AllPassed);
        Assert.Null(result.SelectedTests);
        Assert.Contains(result.Tests, t => t.Name == "tests.test_pricing.test_order_total_without_tax" && t.Outcome == TestOutcome.Failed);
        Assert.Equal(1, runs.Tally.WholeAfterSelected);
    }

    [Fact]
    public async Task ACandidateThatIsRightOnlyWhenItsTestsAreChosen_FailsTheWholeSuite()
    {
        // It can see WAND_TESTS: the run that could pass it is the one without.
        var (runs, parent) = await StartAsync(Inventory);
        var gaming = Money(Fixed).Replace("\"\"\"Amounts in whole cents.\"\"\"\n", "\"\"\"Amounts in whole cents.\"\"\"\nimport os\n", StringComparison.Ordinal)
            .Replace(Fixed, "    if not os.environ.get(\"WAND_TESTS\"):\n        return [total]\n" + Fixed, StringComparison.Ordinal);

        var result = (await runs.RunAsync([Candidate(Inventory, parent, gaming)], default))[0];

        Assert.False(result.AllPassed, Describe(result));
        Assert.Null(result.SelectedTests);
        Assert.Equal(1, runs.Tally.WholeAfterSelected);
    }

    [Fact]
    public async Task TestsThatPassOnlyAfterAnotherFilesTests_AreNotSelected()
    {
        // test_money.py's last test needs what test_aaa_setup.py's test leaves behind: run alone,
        // it fails. The parent's check finds it, and every candidate runs the whole suite.
        var job = Inventory with
        {
            Files =
            [
                .. Inventory.Files.Select(f => f.Path == "tests/test_money.py"
                    ? File(f.Path, Encoding.UTF8.GetString(f.Content) + "\n\ndef test_after_setup():\n    import inventory\n    assert getattr(inventory, \"READY\", False)\n")
                    : f),
                File("tests/test_aaa_setup.py", "import inventory\n\n\ndef test_setup():\n    inventory.READY = True\n"),
            ],
        };
        var (runs, parent) = await StartAsync(job);

        var result = (await runs.RunAsync([Candidate(job, parent, Money(Fixed))], default))[0];

        Assert.Equal("the check of a selection on a parent: run alone, 'tests.test_money.test_after_setup' failed; in the whole suite it passed", Assert.Single(runs.Unused));
        Assert.True(result.AllPassed, Describe(result));
        Assert.Null(result.SelectedTests);
        Assert.Equal(0, runs.Tally.SelectedOnly + runs.Tally.WholeAfterSelected);
    }

    [Theory]
    [InlineData("javascript")]
    [InlineData("go")]
    [InlineData("java")]
    [InlineData("maven")]
    public async Task WandTest_RunsOnlyTheChosenFiles(string language)
    {
        var job = language switch
        {
            "go" => Job.Create([File("go.mod", "module shop\n\ngo 1.19\n"), File("a/a_test.go", Go("a", "TestA")), File("b/b_test.go", Go("b", "TestB")), File("c/c_test.go", Go("c", "TestC"))], LanguageProfile.Go),
            "java" or "maven" => Job.Create(
                [.. language == "maven" ? [File("pom.xml", MavenJUnit5)] : Array.Empty<JobFile>(), File("src/test/java/a/ATest.java", Java("a")), File("src/test/java/b/BTest.java", Java("b")), File("src/test/java/c/CTest.java", Java("c"))],
                LanguageProfile.Java),
            _ => Job.Create([File("a.test.js", Node("a")), File("b.test.js", Node("b")), File("test/c.test.js", Node("c"))], LanguageProfile.JavaScript),
        };
        var chosen = language switch
        {
            "go" => new[] { "a/a_test.go", "c/c_test.go" },
            "java" or "maven" => ["src/test/java/a/ATest.java", "src/test/java/c/CTest.java"],
            _ => ["a.test.js", "test/c.test.js"],
        };

        var results = await docker.Runner.RunVariantsAsync(new SandboxVariants(job, [new SandboxVariant([], chosen), new SandboxVariant([])], TimeSpan.FromSeconds(60)), default);

        Assert.Equal(["a", "c"], results[0].Tests.Select(t => t.Name.TrimEnd('(', ')')[^1..].ToLowerInvariant()).Order());
        Assert.Equal(chosen, results[0].SelectedTests);
        Assert.Equal(3, results[1].Tests.Count);
        Assert.True(results[1].AllPassed, Describe(results[1]));
        Assert.False(results[0].AllPassed);
    }

    private async Task<(SelectedTestRuns Runs, SandboxResult Parent)> StartAsync(Job job)
    {
        var parent = await docker.Runner.RunAsync(job, default);
        Assert.True(parent.Failed > 0, Describe(parent));
        var runs = new SelectedTestRuns(job, async (variants, _, cancellationToken) =>
            await docker.Runner.RunVariantsAsync(new SandboxVariants(job, variants, TimeSpan.FromSeconds(60)), cancellationToken));
        return (runs, parent);
    }

    private static SelectionCandidate Candidate(Job job, SandboxResult parent, string money) =>
        new(new SandboxVariant([File("inventory/money.py", money)]), "original", new SandboxVariant([]), parent, ["inventory/money.py"]);

    private static string Money(string splitReturn) =>
        Encoding.UTF8.GetString(Inventory.Files.Single(f => f.Path == "inventory/money.py").Content)
            .Replace("    return [base + (1 if i <= rest else 0) for i in range(parts)]\n", splitReturn, StringComparison.Ordinal);

    private static string Go(string package, string test) => $"package {package}\n\nimport \"testing\"\n\nfunc {test}(t *testing.T) {{}}\n";

    private const string MavenJUnit5 = """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>example</groupId><artifactId>abc</artifactId><version>1.0</version>
          <dependencies>
            <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><version>5.9.2</version><scope>test</scope></dependency>
          </dependencies>
        </project>
        """;

    private static string Java(string package) =>
        $"package {package};\n\nimport org.junit.jupiter.api.Test;\n\nclass {package.ToUpperInvariant()}Test {{\n    @Test\n    void {package}() {{ }}\n}}\n";

    private static string Node(string name) => $"const test = require('node:test');\n\ntest('{name}', () => {{}});\n";

    private static string Describe(SandboxResult result) =>
        $"{result.Reason}: {result.Passed} passed, {result.Failed} failed; {CandidateSummary.FirstFailureOf(result)}\n{result.Stderr}";

    private static JobFile File(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));
}
