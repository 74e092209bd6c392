using Wand.Jobs;

namespace Wand.Behaviour;

/// <summary>Which functions a change falls in, and the amplifier varying their calls first.</summary>
public sealed class ChangedFunctionsTests
{
    [Fact]
    public void Of_Python_TheDefinitionsAboveTheChangedLines()
    {
        const string Before = "def a(x):\n    return x\n\n\ndef b(x):\n    if x > 1:\n        return 1\n    return 0\n";
        var after = Before.Replace("x > 1", "x >= 1", StringComparison.Ordinal);

        Assert.Equal(["b"], ChangedFunctions.Of(LanguageProfile.Python, Before, after));
        Assert.Equal(["a", "b"], ChangedFunctions.Of(LanguageProfile.Python, Before, after.Replace("return x", "return -x", StringComparison.Ordinal)).Order());
    }

    [Theory]
    [InlineData("function passes(score) {\n  return score > 60;\n}\n", "passes")]
    [InlineData("const passes = (score) => {\n  return score > 60;\n};\n", "passes")]
    [InlineData("export async function* passes(score) {\n  return score > 60;\n}\n", "passes")]
    public void Of_JavaScript_FunctionsDeclaredOrAssigned(string before, string name) =>
        Assert.Equal([name], ChangedFunctions.Of(LanguageProfile.JavaScript, before, before.Replace("> 60", ">= 60", StringComparison.Ordinal)));

    [Fact]
    public void Amplify_VariesTheFocusFunctionsCallsFirst_ThenEachFunctionInTurn()
    {
        // A helper called five times, and the changed function once: a budget of 8 still varies the changed one.
        ProbeCall[] recorded = [.. Enumerable.Range(1, 5).Select(i => Call("helper", i)), Call("changed", 10)];

        var inputs = InputAmplifier.Amplify(recorded, budget: 8, focus: new HashSet<string> { "changed" });

        Assert.Equal(["helper", "helper", "helper", "helper", "helper", "changed", "changed", "helper"], inputs.Select(c => c.Function));
        Assert.Equal("[9]", inputs[6].Args.ToJsonString());
    }

    private static ProbeCall Call(string function, int arg) => new("m", function, [arg], []);
}
