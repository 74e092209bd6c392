using Wand.SourceCode;

namespace Wand.Search;

public sealed class MutationOperatorsTests
{
    private static List<string> Mutants(string code, SourceDialect dialect, string? kind = null) =>
        [.. MutationOperators.For("f", code, dialect).Where(e => kind is null || e.Operator == kind).Select(e => e.Apply(code))];

    [Fact]
    public void For_RelationalOperator_TriesItsNeighboursFirst()
    {
        var edits = MutationOperators.For("m.py", "if v < best:\n    pass\n", SourceDialect.Python).Where(e => e.Operator == "relational operator").ToList();

        Assert.Equal(["<=", ">", ">="], edits.Select(e => e.Replacement).Order());
        Assert.Equal("<=", edits.MaxBy(e => e.Prior)!.Replacement);
    }

    [Fact]
    public void For_NeverEditsInsideStringsOrComments()
    {
        var code = "x = \"a < b + 1\"  # i < n - 1\n";
        var edits = MutationOperators.For("f", code, SourceDialect.Python).Where(e => e.Operator != "deleted statement").Select(e => e.Apply(code)).ToList();

        Assert.NotEmpty(edits);
        Assert.All(edits, m =>
        {
            Assert.Contains("\"a < b + 1\"", m, StringComparison.Ordinal);
            Assert.Contains("# i < n - 1", m, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void For_OffByOne_DropsAndAddsOneAtBounds()
    {
        var mutants = Mutants("for i in range(0, len(v) - 1):\n    pass\n", SourceDialect.Python, "off-by-one bound");

        Assert.Contains("for i in range(0, len(v)):\n    pass\n", mutants);
        Assert.Contains("for i in range(0, len(v) + 1):\n    pass\n", mutants);
    }

    [Fact]
    public void For_Constants_StepAndBoundaries()
    {
        var mutants = Mutants("return year % 40 == 0", SourceDialect.Python, "constant");

        Assert.Contains("return year % 400 == 0", mutants);
        Assert.Contains("return year % 41 == 0", mutants);
        Assert.Contains("return year % 40 == 1", mutants);
    }

    [Fact]
    public void For_Condition_IsNegatedWithItsSyntax()
    {
        Assert.Contains("if (!(a > b)) { x(); }", Mutants("if (a > b) { x(); }", SourceDialect.Java, "negated condition"));
        Assert.Contains("if !(a > b) { x() }", Mutants("if a > b { x() }", SourceDialect.Go, "negated condition"));
        Assert.Contains("if not (a > b):\n    x()\n", Mutants("if a > b:\n    x()\n", SourceDialect.Python, "negated condition"));
    }

    [Fact]
    public void For_NamesInScope_ReplaceEachOther()
    {
        var mutants = Mutants("def clamp(v, low, high):\n    if v > high:\n        return low\n", SourceDialect.Python, "wrong name");

        Assert.Contains("def clamp(v, low, high):\n    if v > high:\n        return high\n", mutants);
        Assert.DoesNotContain(mutants, m => m.StartsWith("def v(", StringComparison.Ordinal));
    }

    [Fact]
    public void For_ATypeScriptFile_NeverPutsATypeWhereAValueWas()
    {
        const string Code = "export function area(width: number, height: number): number {\n  return width * width;\n}\n";

        var mutants = Mutants(Code, SourceDialect.JavaScript.Of("src/area.ts"), "wrong name");

        Assert.Contains("export function area(width: number, height: number): number {\n  return width * height;\n}\n", mutants);
        Assert.DoesNotContain(mutants, m => m.Contains("return number", StringComparison.Ordinal) || m.Contains("* number", StringComparison.Ordinal));
        // In JavaScript, `number` may be a variable's name.
        Assert.Same(SourceDialect.JavaScript, SourceDialect.JavaScript.Of("src/area.js"));
    }

    [Fact]
    public void For_Arguments_AreSwapped()
    {
        Assert.Contains("int d = Math.max(hi, lo);", Mutants("int d = Math.max(lo, hi);", SourceDialect.Java, "swapped arguments"));
    }

    [Fact]
    public void For_Statements_AreDeletedOneAtATime()
    {
        var mutants = Mutants("total += x; total += x;\n", SourceDialect.Cpp, "deleted statement");

        Assert.Contains("total += x;\n", mutants);
        Assert.Contains("if (c) { n++; }", Mutants("if (c) { n++; n++; }", SourceDialect.Java, "deleted statement"));
    }

    [Fact]
    public void For_TypeArguments_AreLeftAlone()
    {
        Assert.DoesNotContain(MutationOperators.For("f", "List<int> xs = new List<int>();", SourceDialect.CSharp), e => e.Operator == "relational operator");
    }
}
