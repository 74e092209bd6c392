using Wand.Jobs;

namespace Wand.Repair;

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

        var (job, settings, notes) = submission.ToJob(new RepairSettings());

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
        Assert.Empty(notes);
    }

    [Fact]
    public void ToJob_ABudgetAboveTheConfiguredOne_IsCappedToIt_AndSaysSo()
    {
        var submission = RepairSubmission.Parse($$"""
            { {{Files}}, "budget": { "rounds": 3, "candidates": 2147483648, "tokens": 9223372036854775807, "minutes": 2147483647, "searchCandidates": 401 } }
            """);
        var configured = new RepairSettings { Budget = new RepairBudget(MaxRounds: 5, MaxWallTime: TimeSpan.FromMinutes(10)) };

        var (_, settings, notes) = submission.ToJob(configured);

        Assert.Equal(new RepairBudget(3, 32, 200_000, TimeSpan.FromMinutes(10), 400), settings.Budget);
        Assert.Equal(
            [
                "budget.candidates 2147483648 capped to the configured 32",
                "budget.tokens 9223372036854775807 capped to the configured 200000",
                "budget.minutes 2147483647 capped to the configured 10",
                "budget.searchCandidates 401 capped to the configured 400",
            ],
            notes);
    }

    [Theory]
    [InlineData("{ \"files\": [", "the body is not a repair job")]
    [InlineData("[1, 2]", "the body is not a repair job")]
    [InlineData("{ \"fils\": [] }", "the job has no member 'fils' (known: files, language, test, editable, timeoutSeconds, task, generator, budget)")]
    [InlineData("null", "the body is JSON null")]
    public void Parse_NotAJob_SaysSo(string body, string message) =>
        Assert.Contains(message, Assert.Throws<InvalidJobException>(() => RepairSubmission.Parse(body)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("{ }", "the job has no files")]
    [InlineData("{ \"files\": [{ \"content\": \"x\" }] }", "files[0] has no \"path\"")]
    [InlineData("{ \"files\": [{ \"path\": \"a.py\" }] }", "files[0] ('a.py') needs exactly one of \"content\" (text) and \"contentBase64\"")]
    [InlineData("{ \"files\": [{ \"path\": \"a.py\", \"contentBase64\": \"***\" }] }", "files[0] ('a.py'): \"contentBase64\" is not valid base64")]
    [InlineData("{ \"files\": [{ \"path\": \"../a.py\", \"content\": \"x\" }] }", "must stay inside the job")]
    [InlineData("""{"files":[{"path":"a\nb.py","content":"x"}]}""", "file path 'a\\u000ab.py' contains control characters")]
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

    /// <summary>What a hostile caller sends, member by member: each is refused naming the member, never a crash.</summary>
    [Theory]
    [InlineData("""{"files":[null]}""", "files[0] is null")]
    [InlineData("""{"files":null}""", "files is null; give it a value or leave it out")]
    [InlineData("""{"files":"a.py"}""", "files must be a list (got a string)")]
    [InlineData("""{"files":{}}""", "files must be a list (got an object)")]
    [InlineData("""{"files":[1]}""", "files[0] must be an object (got the number '1')")]
    [InlineData("""{"files":[[]]}""", "files[0] must be an object (got a list)")]
    [InlineData("""{"files":[{"path":null,"content":"x"}]}""", "files[0].path is null; give it a value or leave it out")]
    [InlineData("""{"files":[{"path":"a.py","content":null}]}""", "files[0].content is null; give it a value or leave it out")]
    [InlineData("""{"files":[{"path":7,"content":"x"}]}""", "files[0].path must be a string (got the number '7')")]
    [InlineData("""{"files":[{"path":"a.py","content":true}]}""", "files[0].content must be a string (got true)")]
    [InlineData("""{"files":[{"path":"a.py","content":"x","mode":"755"}]}""", "files[0] has no member 'mode' (known: path, content, contentBase64)")]
    [InlineData("""{"editable":[null]}""", "editable[0] is null")]
    [InlineData("""{"editable":"a.py"}""", "editable must be a list (got a string)")]
    [InlineData("""{"editable":[1]}""", "editable[0] must be a string (got the number '1')")]
    [InlineData("""{"language":null}""", "language is null; give it a value or leave it out")]
    [InlineData("""{"language":["python"]}""", "language must be a string (got a list)")]
    [InlineData("""{"timeoutSeconds":"60"}""", "timeoutSeconds must be a whole number (got a string)")]
    [InlineData("""{"timeoutSeconds":1.5}""", "timeoutSeconds must be a whole number (got the number '1.5')")]
    [InlineData("""{"timeoutSeconds":1e400}""", "timeoutSeconds must be a whole number (got the number '1e400')")]
    [InlineData("""{"budget":null}""", "budget is null; give it a value or leave it out")]
    [InlineData("""{"budget":[]}""", "budget must be an object (got a list)")]
    [InlineData("""{"budget":{"minutes":null}}""", "budget.minutes is null; give it a value or leave it out")]
    [InlineData("""{"budget":{"minutes":"15"}}""", "budget.minutes must be a whole number (got a string)")]
    [InlineData("""{"budget":{"minutes":99999999999999999999}}""", "budget.minutes must be a whole number (got the number '99999999999999999999')")]
    [InlineData("""{"budget":{"minuts":5}}""", "budget has no member 'minuts' (known: rounds, candidates, tokens, minutes, searchCandidates)")]
    [InlineData("""{"Budget":{"Minuts":5}}""", "Budget has no member 'Minuts' (known: rounds, candidates, tokens, minutes, searchCandidates)")]
    [InlineData("""{"files\u0000":1}""", "the job has no member 'files\\u0000' (known:")]
    [InlineData("""{"files":[{"path":"a.py","content":"\ud800"}]}""", "files[0].content is not valid Unicode text (it has a lone surrogate)")]
    [InlineData("""{"files":[], "Files":[]}""", "the job has the member 'Files' twice")]
    [InlineData("""{"budget":{"rounds":1,"rounds":2}}""", "budget has the member 'rounds' twice")]
    [InlineData("[]", "the body is not a repair job: it must be a JSON object (got a list)")]
    [InlineData("\"job\"", "the body is not a repair job: it must be a JSON object (got a string)")]
    [InlineData("{\"files\": [", "the body is not a repair job: it is not valid JSON (line 1, byte 12)")]
    public void Parse_MalformedMembers_NameTheMember(string body, string message) =>
        Assert.StartsWith(message, Assert.Throws<InvalidJobException>(() => RepairSubmission.Parse(body)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"budget":{"minutes":0}}""", "budget.minutes must be positive (got 0)")]
    [InlineData("""{"budget":{"tokens":-9223372036854775808}}""", "budget.tokens must be positive (got -9223372036854775808)")]
    [InlineData("""{"timeoutSeconds":9223372036854775807}""", "timeoutSeconds must be between 1 and 1800 (got 9223372036854775807)")]
    [InlineData("""{"editable":["/etc/passwd"]}""", "editable[0] '/etc/passwd' must be a relative path inside the job")]
    [InlineData("""{"editable":["src/../../x.py"]}""", "editable[0] 'src/../../x.py' must be a relative path inside the job")]
    [InlineData("""{"editable":[""]}""", "editable[0] is 0 characters long")]
    public void ToJob_BadValues_NameTheMember(string members, string message)
    {
        var body = members.Insert(1, $$"""{{Files}}, """);

        Assert.StartsWith(message, Assert.Throws<InvalidJobException>(() => RepairSubmission.Parse(body).ToJob(new RepairSettings())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJob_EditableGlobs_GetTheSameCheckAndTheSameWordsAsWandYml()
    {
        var body = RepairSubmission.Parse($$"""{ {{Files}}, "editable": ["stats.py", "../outside.py"] }""");

        var overHttp = Assert.Throws<InvalidJobException>(() => body.ToJob(new RepairSettings())).Message;
        var inWandYml = Assert.Throws<InvalidJobException>(() => JobSettings.Parse("editable: [stats.py, ../outside.py]")).Message;

        Assert.Equal(EditableGlobs.Problem(["stats.py", "../outside.py"]), overHttp);
        Assert.Equal($".wand.yml: {overHttp}", inWandYml);
    }
}
