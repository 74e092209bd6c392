using System.Text;

namespace Wand.Batch;

public sealed class BatchMessageTests
{
    private static readonly BatchSettings Settings = new() { MaxJobs = 3, MaxParallelism = 8 };

    [Fact]
    public void Parse_ABlobWithAnId_KeepsBoth()
    {
        var message = BatchMessage.Parse("""{ "id": "nightly-1", "blob": "batches/nightly.jsonl", "parallelism": 2 }""", Settings);

        Assert.Equal("nightly-1", message.BatchIdOr("ignored"));
        Assert.Equal("batches/nightly.jsonl", message.Blob);
        Assert.Equal(2, message.Parallelism);
        Assert.Null(message.Jobs);
    }

    [Fact]
    public void Parse_InlineJobsWithoutAnId_TheIdIsAHashOfTheMessage()
    {
        const string text = """{ "jobs": [{ "files": [] }, { "files": [] }] }""";

        var message = BatchMessage.Parse(text, Settings);

        Assert.Equal(2, message.Jobs!.Count);
        Assert.Matches("^h[0-9a-f]{20}$", message.BatchIdOr(text));
        Assert.Equal(message.BatchIdOr(text), BatchMessage.Parse(text, Settings).BatchIdOr(text));
        Assert.NotEqual(message.BatchIdOr(text), message.BatchIdOr(text + " "));
    }

    [Fact]
    public void Decoded_Base64Json_IsTheJson()
    {
        const string json = """{ "blob": "a.jsonl" }""";

        Assert.Equal(json, BatchMessage.Decoded(Convert.ToBase64String(Encoding.UTF8.GetBytes(json))));
        Assert.Equal(json, BatchMessage.Decoded(json));
        Assert.Equal("plain words", BatchMessage.Decoded("plain words"));
    }

    [Theory]
    [InlineData("not json", "the message is not a batch")]
    [InlineData("null", "JSON null")]
    [InlineData("""{ "blob": "a.jsonl", "priority": 1 }""", "a member Wand does not know (known: id, blob, jobs, parallelism)")]
    [InlineData("""{ "id": "x" }""", "exactly one of \"blob\"")]
    [InlineData("""{ "blob": "a.jsonl", "jobs": [{}] }""", "exactly one of \"blob\"")]
    [InlineData("""{ "id": "has.dot", "blob": "a.jsonl" }""", "the batch id 'has.dot' is not usable")]
    [InlineData("""{ "blob": "../escape.jsonl" }""", "'../escape.jsonl' is not a blob name")]
    [InlineData("""{ "jobs": [] }""", "\"jobs\" is empty")]
    [InlineData("""{ "jobs": [{}, {}, {}, {}] }""", "the batch has 4 jobs; at most 3")]
    [InlineData("""{ "jobs": [{}, "a job"] }""", "jobs[1] is string; each job is an object")]
    [InlineData("""{ "blob": "a.jsonl", "parallelism": 9 }""", "\"parallelism\" must be between 1 and 8 (got 9)")]
    [InlineData("""{ "blob": "a.jsonl", "parallelism": 0 }""", "\"parallelism\" must be between 1 and 8 (got 0)")]
    public void Parse_AMessageThatCannotRun_SaysWhy(string text, string why)
    {
        var ex = Assert.Throws<InvalidBatchException>(() => BatchMessage.Parse(text, Settings));

        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
    }
}
