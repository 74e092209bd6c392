namespace Wand.Cli;

/// <summary>Bad command lines fail with exit 2 and a message, before touching Docker.</summary>
public sealed class WandCommandTests
{
    [Theory]
    [InlineData(new string[0], "wand: Required command was not provided.")]
    [InlineData(new[] { "frobnicate" }, "wand: Unrecognized command or argument 'frobnicate'.")]
    [InlineData(new[] { "doctor", "--nope" }, "wand: Unrecognized command or argument '--nope'.")]
    [InlineData(new[] { "run" }, "wand: Required argument 'folder' missing")]
    [InlineData(new[] { "run", "a", "b" }, "wand: Unrecognized command or argument 'b'.")]
    public async Task RunAsync_BadCommandLine_ExitsTwoWithTheReason(string[] args, string expected)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await WandCommand.RunAsync(args, stdout, stderr, CancellationToken.None);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains(expected, stdout.ToString() + stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Help_PrintsUsageAndSucceeds()
    {
        using var stdout = new StringWriter();

        var exit = await WandCommand.RunAsync(["--help"], stdout, TextWriter.Null, CancellationToken.None);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("doctor", stdout.ToString(), StringComparison.Ordinal);
    }
}
