using Wand.Sandbox;

namespace Wand.Pipeline;

public sealed class RepairSubmissionTests
{
    private const string Files = """
        "files": [
          { "path": "stats.py", "content": "def mean(v):\n    return sum(v)\n" },
          { "path": "test_stats.py", "contentBase64": "ZnJvbSBzdGF0cyBpbXBvcnQgbWVhbgo=" }
        ]
        """;

    [Fact]
    public void ToJob_AWholeSubmission_GivesTheJobAndTheSettingsItAsksFor()
    {
        var submission = RepairSubmission.Parse($$"""
            { {{Files}}, "editable": ["stats.py"], "timeoutSeconds": 30, "task": "the mean",
              "generator": "search", "budget": { "rounds": 2, "searchCandidates": 50, "minutes": 5 } }
            """);

        var (job, settings) = submission.ToJob(new RepairSettings());

        Assert.Equal(LanguageProfile.Python, job.Language);
        Assert.Equal(["stats.py", "test_stats.py"], job.Files.Select(f => f.Path));
        Assert.Equal("from stats import mean\n", System.Text.Encoding.UTF8.GetString(job.Files[1].Content));
        Assert.Equal(TimeSpan.FromSeconds(30), job.Timeout);
        Assert.Equal("the mean", job.Task);
        Assert.Equal(RepairGenerator.Search, settings.Generator);
        Assert.Equal(2, settings.Budget.MaxRounds);
        Assert.Equal(50, settings.Budget.MaxSearchCandidates);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.Budget.WallTime);
        Assert.Equal(32, settings.Budget.MaxCandidates);
    }

    [Theory]
    [InlineData("{ \"files\": [", "the body is not a repair job")]
    [InlineData("[1, 2]", "the body is not a repair job")]
    [InlineData("{ \"fils\": [] }", "it has a member Wand does not know")]
    [InlineData("null", "the body is JSON null")]
    public void Parse_NotAJob_SaysSo(string body, string message) =>
        Assert.Contains(message, Assert.Throws<InvalidJobException>(() => RepairSubmission.Parse(body)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("{ }", "the job has no files")]
    [InlineData("{ \"files\": [{ \"content\": \"x\" }] }", "files[0] has no \"path\"")]
    [InlineData("{ \"files\": [{ \"path\": \"a.py\" }] }", "file 'a.py' needs exactly one of \"content\" (text) and \"contentBase64\"")]
    [InlineData("{ \"files\": [{ \"path\": \"a.py\", \"contentBase64\": \"***\" }] }", "file 'a.py': \"contentBase64\" is not valid base64")]
    [InlineData("{ \"files\": [{ \"path\": \"../a.py\", \"content\": \"x\" }] }", "must stay inside the job")]
    [InlineData("{ \"files\": [{ \"path\": \"a.py\", \"content\": \"x\" }], \"language\": \"cobol\" }", "unknown language 'cobol'")]
    [InlineData("{ \"files\": [{ \"path\": \"a.txt\", \"content\": \"x\" }] }", "cannot tell the job's language")]
    [InlineData("{ \"files\": [{ \"path\": \"a.py\", \"content\": \"x\" }], \"timeoutSeconds\": 0 }", "timeoutSeconds must be between 1 and 1800 (got 0)")]
    [InlineData("{ \"files\": [{ \"path\": \"a.py\", \"content\": \"x\" }], \"generator\": \"gpt\" }", "the generator must be search, llm or hybrid (got 'gpt')")]
    [InlineData("{ \"files\": [{ \"path\": \"a.py\", \"content\": \"x\" }], \"budget\": { \"rounds\": -1 } }", "budget.rounds must be positive (got -1)")]
    public void ToJob_BadInput_NamesTheProblem(string body, string message) =>
        Assert.Contains(message, Assert.Throws<InvalidJobException>(() => RepairSubmission.Parse(body).ToJob(new RepairSettings())).Message, StringComparison.Ordinal);

    [Fact]
    public void ToJob_OverTheSizeLimits_NamesTheLimit()
    {
        var submission = RepairSubmission.Parse($$"""{ "files": [{ "path": "a.py", "content": "{{new string('x', 2000)}}" }] }""");

        var error = Assert.Throws<InvalidJobException>(() => submission.ToJob(new RepairSettings(), JobFolderLimits.Default with { MaxFileBytes = 1000 }));

        Assert.Contains("file 'a.py' is 2,000 bytes; the limit is 1,000", error.Message, StringComparison.Ordinal);
    }
}
