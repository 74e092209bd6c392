namespace Wand.Sandbox;

public sealed class TestIdentityTests
{
    [Theory]
    [InlineData("Clock.Formats(when: 11/30/2026 18:07:58)", "Clock.Formats(when: #)")]
    [InlineData("Clock.Formats(when: 2026-11-30T18:07:58.1234567Z)", "Clock.Formats(when: #)")]
    [InlineData("Ids.Parse(id: 3f2504e0-4f89-11d3-9a0c-0305e82c3301)", "Ids.Parse(id: #)")]
    [InlineData("test_repr[<Node object at 0x7f3a9c2e1d90>]", "test_repr[<Node object at #>]")]
    [InlineData("Ticks.Round(ticks: 638685484780000000)", "Ticks.Round(ticks: #)")]
    public void Of_MasksWhatChangesFromRunToRun(string name, string identity) => Assert.Equal(identity, TestIdentity.Of(name));

    [Theory]
    [InlineData("test_add[1-2]")]
    [InlineData("Calc.Adds(a: 12, b: 345)")]
    [InlineData("test_version[1.2]")]
    [InlineData("parseDuration.reads hours and minutes")]
    public void Of_KeepsStableNamesAsTheyAre(string name) => Assert.Equal(name, TestIdentity.Of(name));
}
