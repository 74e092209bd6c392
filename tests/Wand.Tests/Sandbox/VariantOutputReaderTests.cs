using System.Text;

namespace Wand.Sandbox;

/// <summary>The runner's records, as the exec's stdout brings them: in chunks of any size, framed by a boundary only the runner knows.</summary>
public sealed class VariantOutputReaderTests
{
    private const string Boundary = "wand-0123456789abcdef0123456789abcdef";

    [Fact]
    public void Append_RecordsSplitAcrossChunks_AreReadWithTheirFlagsAndBytes()
    {
        var reader = new VariantOutputReader(Boundary, 2, 1000);

        Feed(reader, $"\n{Boundary} 1 137 1 0 1230 1 3 2 4\noutrrTAR!\n{Boundary} 0 0 0 1 20 0 0 0 0\n\n{Boundary} end\n", chunk: 3);

        Assert.True(reader.Ended);
        Assert.Null(reader.StoppedAt);
        var first = reader.Records[1];
        Assert.Equal((137, true, false, TimeSpan.FromMilliseconds(1230), true), (first.ExitCode, first.OomKilled, first.TimedOut, first.Run, first.OutputCapped));
        Assert.Equal(("out", "rr", "TAR!"), (Encoding.ASCII.GetString(first.Stdout), Encoding.ASCII.GetString(first.Stderr), Encoding.ASCII.GetString(first.ReportTar)));
        Assert.True(reader.Records[0].TimedOut);
    }

    [Fact]
    public void Append_AStopRecord_EndsTheStreamAndSaysWhereTheRestBegins()
    {
        var reader = new VariantOutputReader(Boundary, 4, 1000);

        Feed(reader, $"\n{Boundary} 0 0 0 0 10 0 0 0 0\n\n{Boundary} stop 1\n", chunk: 7);

        Assert.True(reader.Ended);
        Assert.Equal(1, reader.StoppedAt);
        Assert.Single(reader.Records);
    }

    [Theory]
    [InlineData("stop 0")]
    [InlineData("stop 4")]
    [InlineData("stop x")]
    [InlineData("0 0 0 0 10 0 0 0")]
    [InlineData("0 0 0 0 10 0 600 600 0")]
    public void Append_ARecordThatCannotBeTheRunners_BreaksTheStream(string header)
    {
        var reader = new VariantOutputReader(Boundary, 4, 1000);

        Feed(reader, $"\n{Boundary} {header}\n", chunk: 64);

        Assert.True(reader.Broken);
        Assert.False(reader.Ended);
        Assert.Empty(reader.Records);
    }

    [Fact]
    public void Append_AnotherBoundary_IsStrayOutputNotARecord()
    {
        var reader = new VariantOutputReader(Boundary, 1, 1000);

        Feed(reader, "\nwand-00000000000000000000000000000000 0 0 0 0 10 0 0 0 0\n\nwand-00000000000000000000000000000000 end\n", chunk: 5);

        Assert.False(reader.Ended);
        Assert.Empty(reader.Records);
        Assert.StartsWith("\nwand-00000000000000000000000000000000 0 0 0 0 10 0 0 0 0\n", reader.Stray.ToString(), StringComparison.Ordinal);
    }

    private static void Feed(VariantOutputReader reader, string text, int chunk)
    {
        foreach (var part in Encoding.ASCII.GetBytes(text).Chunk(chunk))
        {
            reader.Append(part, part.Length);
        }
    }
}
