using System.Text;

namespace Wand.Sandbox;

/// <summary>The run's stdout is test output, then a boundary line, then the reports tar.</summary>
public sealed class RunOutputSplitterTests
{
    private const string Boundary = "wand-run-end-0123";

    [Fact]
    public void Append_BoundarySplitAcrossChunks_SeparatesOutputStatusAndReport()
    {
        var splitter = new RunOutputSplitter(Boundary, 1000, 1000);
        var stream = Encoding.ASCII.GetBytes($"1 failed, 3 passed\n\n{Boundary} 1 0 0\nTARBYTES");

        foreach (var chunk in stream.Chunk(3))
        {
            splitter.Append(chunk, chunk.Length);
        }

        Assert.True(splitter.Ended);
        Assert.Equal("1 failed, 3 passed\n", splitter.TestOutput.ToString());
        Assert.Equal(1, splitter.ExitCode);
        Assert.False(splitter.OomKilled);
        Assert.False(splitter.TimedOut);
        Assert.Equal("TARBYTES", Encoding.ASCII.GetString(splitter.ReportTar.Span));
    }

    [Fact]
    public void Append_OomAndTimeoutFlags_AreRead()
    {
        var splitter = new RunOutputSplitter(Boundary, 1000, 1000);
        var bytes = Encoding.ASCII.GetBytes($"\n{Boundary} 137 2 1\n");

        splitter.Append(bytes, bytes.Length);

        Assert.Equal(137, splitter.ExitCode);
        Assert.True(splitter.OomKilled);
        Assert.True(splitter.TimedOut);
    }

    [Fact]
    public void Append_NoBoundary_IsAllTestOutputAndNotEnded()
    {
        var splitter = new RunOutputSplitter(Boundary, 1000, 1000);
        var bytes = Encoding.ASCII.GetBytes("still running\nwand-run-end- is not the boundary\n");

        splitter.Append(bytes, bytes.Length);

        Assert.False(splitter.Ended);
        Assert.StartsWith("still running\n", splitter.TestOutput.ToString() + "", StringComparison.Ordinal);
        Assert.Equal(bytes.Length, splitter.CountedBytes);
    }
}
