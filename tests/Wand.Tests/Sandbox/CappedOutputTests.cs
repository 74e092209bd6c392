namespace Wand.Sandbox;

public sealed class CappedOutputTests
{
    [Fact]
    public void Append_BeyondTheLimit_KeepsTheStartAndSaysHowMuchWasCut()
    {
        var output = new CappedOutput(5);

        output.Append("hello world"u8.ToArray(), 11);

        Assert.True(output.Truncated);
        Assert.Equal(11, output.TotalBytes);
        Assert.StartsWith("hello\n[wand: output truncated after 5 of 11 bytes]", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Append_WithinTheLimit_KeepsEverything()
    {
        var output = new CappedOutput(100);

        output.Append("ok"u8.ToArray(), 2);

        Assert.False(output.Truncated);
        Assert.Equal("ok", output.ToString());
    }
}
