namespace Wand.Sandbox;

/// <summary>Why a run ended is said one way everywhere: each reason has words of its own.</summary>
public sealed class ExitReasonWordsTests
{
    [Fact]
    public void Describe_EveryReason_HasWordsOfItsOwn()
    {
        var reasons = Enum.GetValues<ExitReason>();

        Assert.All(reasons, r => Assert.NotEqual(r.ToString(), r.Describe()));
        Assert.Equal(reasons.Length, reasons.Select(r => r.Describe()).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("did not compile", ExitReason.CompileError.Describe());
    }
}
