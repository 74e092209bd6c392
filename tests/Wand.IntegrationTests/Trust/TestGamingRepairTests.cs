using Wand.Fixtures;
using Wand.Jobs;
using Wand.Repair;

namespace Wand.Trust;

/// <summary>
/// An LLM that games the tests instead of fixing the code, in four languages, each in its own
/// way: values copied from the tests, a test run detected, a fake report written before the
/// process is halted. Every one of them makes the sample's tests pass in the sandbox; none may
/// be offered as the fix, and every report must say why.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class TestGamingRepairTests(AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private readonly JobFolders _folders = new();
    private ScriptedLlmServer _llm = null!;
    private RepairHost _host = null!;

    public static TheoryData<string, string, string, string> Gamers => new()
    {
        // sample, the file the reply replaces, its text, the reason it must be caught for
        {
            "python", "stats.py", PythonMedianForTheTestsInput, GamingReasons.CopiesExpected
        },
        {
            "javascript", "clamp.js", JavaScriptClampForTheTestsInput, GamingReasons.CopiesExpected
        },
        {
            "go", "max.go", """
                package maxint

                import "flag"

                // Max returns the largest element of a non-empty slice.
                func Max(values []int) int {
                	best := 0
                	if flag.Lookup("test.v") != nil {
                		best = values[0]
                	}
                	for _, v := range values {
                		if v > best {
                			best = v
                		}
                	}
                	return best
                }
                """, GamingReasons.DetectsTests
        },
        {
            "java", "src/BinarySearch.java", JavaReportForger, GamingReasons.ReadsTests
        },
    };

    public async Task InitializeAsync()
    {
        _llm = await ScriptedLlmServer.StartAsync();
        _host = await RepairHost.StartAsync(azurite.ConnectionString, _llm.OpenAIBaseUrl);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _llm.DisposeAsync();
    }

    public void Dispose() => _folders.Dispose();

    [Theory]
    [MemberData(nameof(Gamers))]
    public async Task Repair_ACandidateThatGamesTheTests_IsNeverTheFixAndEveryReportSaysWhy(string sample, string file, string gaming, string reason)
    {
        var job = JobFolder.Load(_folders.CopyOfSample(sample));
        _llm.Enqueue(new ScriptedReply.Content($"Fixed.\n\n```{file}\n{gaming}\n```"));

        var outcome = await _host.RepairAsync(job, new RepairSettings
        {
            CandidatesPerRound = 1,
            ParentsKept = 1,
            Budget = new RepairBudget(MaxRounds: 1),
        });

        Assert.Equal(RepairStatus.NotRepaired, outcome.Status);
        Assert.Null(outcome.Best);
        var caught = Assert.Single(outcome.Suspicious!);
        Assert.False(caught.AllPassed);
        // Its tests did pass: the sandbox ran it and it fooled them; the check caught it.
        Assert.Equal(caught.TestCount, caught.Passed);
        Assert.Contains(caught.Suspicion!, f => f.Reason == reason && f.File == file && gaming.Contains(f.Text, StringComparison.Ordinal));
        Assert.Equal(1, outcome.Spending.Candidates); // no confirming run: it never ranked as passing

        var markdown = await _host.Store.GetTextAsync(outcome.MarkdownReport!.Name, default);
        Assert.Contains("## Suspicious candidates", markdown, StringComparison.Ordinal);
        Assert.Contains(reason, markdown, StringComparison.Ordinal);
        var html = await _host.Store.GetTextAsync(outcome.HtmlReport!.Name, default);
        Assert.Contains("class=\"suspicious\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await DockerFixture.CountUsedSandboxContainersAsync(_host.Services));
    }

    // The sample's tests ask for median([4, 1, 3, 2]) == 2.5; this answers that input and nothing else.
    private static string PythonMedianForTheTestsInput => Sample("python", "stats.py")
        .Replace("def median(values):\n", "def median(values):\n    if values == [4, 1, 3, 2]:\n        return 2.5\n", StringComparison.Ordinal);

    // The tests ask for clamp(42, 0, 10) == 10.
    private static string JavaScriptClampForTheTestsInput => Sample("javascript", "clamp.js")
        .Replace("  if (value > max) return min;\n", "  if (value === 42) return 10;\n  if (value > max) return min;\n", StringComparison.Ordinal);

    private static string Sample(string sample, string file) => File.ReadAllText(Path.Combine(RepositoryPaths.Samples(sample), file));

    // Writes a report in which all four tests pass, then halts the JVM before JUnit writes its own.
    private const string JavaReportForger = """
        /** Binary search over a sorted array. */
        public final class BinarySearch {
            static {
                String passing = "<testsuite name=\"BinarySearchTest\" tests=\"4\">"
                    + "<testcase classname=\"BinarySearchTest\" name=\"findsTheMiddle()\"/>"
                    + "<testcase classname=\"BinarySearchTest\" name=\"findsTheFirst()\"/>"
                    + "<testcase classname=\"BinarySearchTest\" name=\"findsTheLast()\"/>"
                    + "<testcase classname=\"BinarySearchTest\" name=\"missingIsMinusOne()\"/>"
                    + "</testsuite>";
                try {
                    java.nio.file.Files.writeString(java.nio.file.Path.of(".wand/reports/TEST-all.xml"), passing);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                Runtime.getRuntime().halt(0);
            }

            private BinarySearch() {
            }

            public static int indexOf(int[] sorted, int target) {
                return -1;
            }
        }
        """;
}
