using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Wand.Cli.Serve;
using Wand.Fixtures;
using Wand.Jobs;

namespace Wand.Repair;

/// <summary>
/// <c>POST /api/repairs</c> as a hostile caller uses it, against the real route (`wand serve` on
/// Kestrel at 127.0.0.1, with Azurite): every malformed body is a 400 problem that names the
/// member at fault, never a 500; a budget above the operator's is capped, and the answer says so.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class RepairApiBadInputTests(AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private const string File = """{"path":"a.py","content":"x = 1\n"}""";
    private const string Files = $$"""
        "files":[{{File}}, {"path":"test_a.py","content":"from a import x\n\ndef test_x():\n    assert x == 1\n"}]
        """;

    private ServeHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await ServeHost.StartAsync("http://127.0.0.1:0", null, new Dictionary<string, string?>
        {
            ["Wand:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Wand:Repair:Budget:MaxWallTime"] = "00:15:00",
            ["Wand:Engine:TaskHub"] = AzuriteFixture.NewTaskHub(),
        }, CancellationToken.None);
        _http = new HttpClient { BaseAddress = new Uri(_host.Addresses[0]) };
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _http.Dispose();

    /// <summary>A body with two good files and <paramref name="members"/>.</summary>
    private static string With(string members) => $"{{ {Files}, {members} }}";

    public static TheoryData<string, string> Malformed() => new()
    {
        { """{"files":[null]}""", "files[0] is null" },
        { """{"files":null}""", "files is null; give it a value or leave it out" },
        { """{"files":[]}""", "the job has no files" },
        { """{}""", "the job has no files" },
        { """{"files":"a.py"}""", "files must be a list (got a string)" },
        { """{"files":[1]}""", "files[0] must be an object (got the number '1')" },
        { $$"""{"files":[{{File}}, null]}""", "files[1] is null" },
        { """{"files":[{"path":null,"content":"x"}]}""", "files[0].path is null; give it a value or leave it out" },
        { """{"files":[{"content":"x"}]}""", "files[0] has no \"path\"" },
        { """{"files":[{"path":"a.py","content":null}]}""", "files[0].content is null; give it a value or leave it out" },
        { """{"files":[{"path":"a.py","contentBase64":null}]}""", "files[0].contentBase64 is null; give it a value or leave it out" },
        { """{"files":[{"path":"a.py"}]}""", "files[0] ('a.py') needs exactly one of \"content\" (text) and \"contentBase64\"" },
        { """{"files":[{"path":"a.py","content":"x","contentBase64":"eA=="}]}""", "files[0] ('a.py') needs exactly one of" },
        { """{"files":[{"path":"a.py","contentBase64":"%%%"}]}""", "files[0] ('a.py'): \"contentBase64\" is not valid base64" },
        { """{"files":[{"path":["a.py"],"content":"x"}]}""", "files[0].path must be a string (got a list)" },
        { """{"files":[{"path":"a.py","content":{"text":"x"}}]}""", "files[0].content must be a string (got an object)" },
        { """{"files":[{"path":"a.py","content":"x","executable":true}]}""", "files[0] has no member 'executable' (known: path, content, contentBase64)" },
        { """{"files":[{"path":"/etc/passwd.py","content":"x"}]}""", "file path '/etc/passwd.py' must be relative, with forward slashes" },
        { """{"files":[{"path":"a\u0007.py","content":"x"}]}""", "file path 'a\\u0007.py' contains control characters" },
        { With(""" "editable":[null] """), "editable[0] is null" },
        { With(""" "editable":["a.py", null] """), "editable[1] is null" },
        { With(""" "editable":null """), "editable is null; give it a value or leave it out" },
        { With(""" "editable":"a.py" """), "editable must be a list (got a string)" },
        { With(""" "editable":["../outside.py"] """), EditableGlobs.Problem(["../outside.py"])! },
        { With(""" "editable":["/etc/*"] """), EditableGlobs.Problem(["/etc/*"])! },
        { With(""" "language":null """), "language is null; give it a value or leave it out" },
        { With(""" "language":7 """), "language must be a string (got the number '7')" },
        { With(""" "language":"cobol" """), "unknown language 'cobol'" },
        { With(""" "test":false """), "test must be a string (got false)" },
        { With(""" "task":null """), "task is null; give it a value or leave it out" },
        { With(""" "generator":null """), "generator is null; give it a value or leave it out" },
        { With(""" "generator":"gpt" """), "the generator must be search, llm or hybrid (got 'gpt')" },
        { With(""" "timeoutSeconds":null """), "timeoutSeconds is null; give it a value or leave it out" },
        { With(""" "timeoutSeconds":"60" """), "timeoutSeconds must be a whole number (got a string)" },
        { With(""" "timeoutSeconds":0.5 """), "timeoutSeconds must be a whole number (got the number '0.5')" },
        { With(""" "timeoutSeconds":0 """), "timeoutSeconds must be between 1 and 1800 (got 0)" },
        { With(""" "timeoutSeconds":9223372036854775807 """), "timeoutSeconds must be between 1 and 1800 (got 9223372036854775807)" },
        { With(""" "budget":null """), "budget is null; give it a value or leave it out" },
        { With(""" "budget":15 """), "budget must be an object (got the number '15')" },
        { With(""" "budget":{"rounds":null} """), "budget.rounds is null; give it a value or leave it out" },
        { With(""" "budget":{"minutes":null} """), "budget.minutes is null; give it a value or leave it out" },
        { With(""" "budget":{"minutes":"15"} """), "budget.minutes must be a whole number (got a string)" },
        { With(""" "budget":{"minutes":1e3} """), "budget.minutes must be a whole number (got the number '1e3')" },
        { With(""" "budget":{"minutes":18446744073709551616} """), "budget.minutes must be a whole number (got the number '18446744073709551616')" },
        { With(""" "budget":{"minutes":0} """), "budget.minutes must be positive (got 0)" },
        { With(""" "budget":{"tokens":-1} """), "budget.tokens must be positive (got -1)" },
        { With(""" "budget":{"rounds":-2147483648} """), "budget.rounds must be positive (got -2147483648)" },
        { With(""" "budget":{"searchCandidates":0} """), "budget.searchCandidates must be positive (got 0)" },
        { With(""" "budget":{"hours":1} """), "budget has no member 'hours' (known: rounds, candidates, tokens, minutes, searchCandidates)" },
        { With(""" "priority":"high" """), "the job has no member 'priority' (known: files, language, test, editable, timeoutSeconds, task, generator, budget)" },
        { "null", "the body is JSON null; it must be a job object" },
        { "[]", "the body is not a repair job: it must be a JSON object (got a list)" },
        { "\"files\"", "the body is not a repair job: it must be a JSON object (got a string)" },
        { "42", "the body is not a repair job: it must be a JSON object (got the number '42')" },
        { "", "the body is not a repair job: it is not valid JSON (line 1, byte 1)" },
        { "{\"files\": [", "the body is not a repair job: it is not valid JSON" },
        { new string('[', 100) + new string(']', 100), "the body is not a repair job: it is not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Post_MalformedBody_IsA400ProblemNamingTheMember(string body, string detail)
    {
        var answer = await _http.PostAsync("/api/repairs", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType!.MediaType);
        var problem = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
        var said = problem["detail"]!.GetValue<string>();
        Assert.StartsWith(detail, said, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', said);
    }

    [Fact]
    public async Task Post_ABudgetAboveTheOperators_IsCappedToIt_AndTheAnswerAndTheOutcomeSaySo()
    {
        var body = JobSubmissions.Of("py-running-max", fixedAlready: true);
        body["budget"] = new JsonObject { ["minutes"] = int.MaxValue, ["tokens"] = long.MaxValue, ["rounds"] = 2 };
        string[] notes = ["budget.tokens 9223372036854775807 capped to the configured 200000", "budget.minutes 2147483647 capped to the configured 15"];

        var answer = await _http.PostAsJsonAsync("/api/repairs", body);

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var accepted = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(notes, accepted["notes"]!.AsArray().Select(n => n!.GetValue<string>()));
        var view = await ApiPolling.UntilEndedAsync(_http, $"/api/repairs/{accepted["id"]!.GetValue<string>()}", TimeSpan.FromMinutes(3));
        Assert.Equal(notes, view["result"]!["notes"]!.AsArray().Select(n => n!.GetValue<string>()));
        var report = await _http.GetStringAsync(view["artifacts"]!["report.md"]!.GetValue<string>());
        Assert.Contains("- Note: budget.minutes 2147483647 capped to the configured 15.", report, StringComparison.Ordinal);
    }
}
