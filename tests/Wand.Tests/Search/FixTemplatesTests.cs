using Wand.SourceCode;

namespace Wand.Search;

/// <summary>Each fix template of <see cref="FixTemplates"/>, as the edit it proposes for a typical defect.</summary>
public sealed class FixTemplatesTests
{
    private static List<string> Mutants(string code, SourceDialect dialect, string kind) =>
        [.. MutationOperators.For("f", code, dialect).Where(e => e.Operator == kind).Select(e => e.Apply(code))];

    [Fact]
    public void CompoundAssignment_IsReplacedByAnother()
    {
        Assert.Contains("    flags |= bit\n", Mutants("    flags ^= bit\n", SourceDialect.Python, "compound assignment"));
        Assert.Contains("n &= n - 1;", Mutants("n ^= n - 1;", SourceDialect.Java, "compound assignment"));
        Assert.DoesNotContain("n //= 2;", Mutants("n /= 2;", SourceDialect.Java, "compound assignment"));
    }

    [Fact]
    public void CallArgument_GetsOneAddedOrTaken()
    {
        var mutants = Mutants("    return text.rjust(width)\n", SourceDialect.Python, "off-by-one argument");

        Assert.Contains("    return text.rjust(width + 1)\n", mutants);
        Assert.Contains("    return text.rjust(width - 1)\n", mutants);
    }

    [Fact]
    public void AssignedValue_GetsOneAddedOrTaken() =>
        Assert.Contains("            hi = mid - 1\n", Mutants("            hi = mid\n", SourceDialect.Python, "off-by-one value"));

    [Fact]
    public void ConstantReturned_IsReplacedByAComparisonOfANameInScope()
    {
        var code = "def any_left(items):\n    count = len(items)\n    return False\n";

        Assert.Contains("def any_left(items):\n    count = len(items)\n    return count > 0\n", Mutants(code, SourceDialect.Python, "constant replaced by a comparison"));
        Assert.Contains("def any_left(items):\n    count = len(items)\n    return count\n", Mutants(code, SourceDialect.Python, "constant replaced by a name"));
    }

    [Fact]
    public void Call_IsReplacedByItsArgumentOrItsSibling()
    {
        Assert.Contains("    return len(x)\n", Mutants("    return len(str(x))\n", SourceDialect.Python, "call replaced by its argument"));
        Assert.Contains("  return Math.min(a, b);", Mutants("  return Math.max(a, b);", SourceDialect.JavaScript, "sibling call"));
        Assert.Contains("    return name\n", Mutants("    return name.strip()\n", SourceDialect.Python, "call replaced by its receiver"));
    }

    [Fact]
    public void Condition_GetsANoneGuardOnWhatItReachesInto()
    {
        var python = Mutants("    if node.left.value < x:\n        pass\n", SourceDialect.Python, "None guard");
        var java = Mutants("if (name.isEmpty()) { return 0; }", SourceDialect.Java, "None guard");

        Assert.Contains("    if node.left is not None and node.left.value < x:\n        pass\n", python);
        Assert.Contains("    if items and items[0] == x:\n        pass\n", Mutants("    if items[0] == x:\n        pass\n", SourceDialect.Python, "None guard"));
        Assert.Contains("if (name == null || name.isEmpty()) { return 0; }", java);
        Assert.Empty(Mutants("if v.len() > 0 { x() }", SourceDialect.Rust, "None guard"));
    }

    [Fact]
    public void Guard_KeepsALooserConditionWhole()
    {
        var mutants = Mutants("    if a.x or b:\n        pass\n", SourceDialect.Python, "None guard");

        Assert.Contains("    if a is not None and (a.x or b):\n        pass\n", mutants);
    }

    [Fact]
    public void Value_IsBoundedByMaxOrMin()
    {
        var code = "def pay(total, discount):\n    return total - discount\n";

        Assert.Contains("def pay(total, discount):\n    return max(total - discount, 0)\n", Mutants(code, SourceDialect.Python, "min/max bound"));
        Assert.Contains("  const left = Math.min(a - used, cap);", Mutants("function f(a, used, cap) {\n  const left = a - used;\n  return left + cap;\n}", SourceDialect.JavaScript, "min/max bound")
            .Select(m => m.Split('\n')[1]));
    }

    [Fact]
    public void Argument_GetsASliceBound()
    {
        Assert.Contains("    return first(items) + total(rest(items[1:]))\n", Mutants("    return first(items) + total(rest(items))\n", SourceDialect.Python, "slice bound"));
        Assert.Contains("  return sum(xs.slice(1));", Mutants("  return sum(xs);", SourceDialect.JavaScript, "slice bound"));
    }

    [Fact]
    public void LoopIterable_GetsASliceBound()
    {
        var code = "def f(arr, k):\n    for x in arr:\n        print(x, k)\n";

        Assert.Contains("def f(arr, k):\n    for x in arr[k:]:\n        print(x, k)\n", Mutants(code, SourceDialect.Python, "slice bound"));
    }

    [Fact]
    public void Subscript_HasItsIndexesSwapped() =>
        Assert.Contains("x = d[k, j]", Mutants("x = d[j, k]", SourceDialect.Python, "swapped arguments"));

    [Fact]
    public void Concatenation_HasItsOperandsSwapped() =>
        Assert.Contains("    result = alphabet[i] + result\n", Mutants("    result = result + alphabet[i]\n", SourceDialect.Python, "swapped operands"));

    [Fact]
    public void Condition_GainsAnEmptinessTestOfANameInScope()
    {
        var code = "def ways(total, coins):\n    if total < 0:\n        return 0\n";

        Assert.Contains("def ways(total, coins):\n    if total < 0 or not coins:\n        return 0\n", Mutants(code, SourceDialect.Python, "added sub-condition"));
    }

    [Fact]
    public void DroppedCall_IsReturned()
    {
        var code = "def find(items, x, lo, hi):\n    if lo > hi:\n        return -1\n    find(items, x, lo + 1, hi)\n";

        Assert.Contains("def find(items, x, lo, hi):\n    if lo > hi:\n        return -1\n    return find(items, x, lo + 1, hi)\n", Mutants(code, SourceDialect.Python, "missing return"));
        Assert.Empty(Mutants("def f(x):\n    y = g(x)\n", SourceDialect.Python, "missing return"));
    }

    [Fact]
    public void NonCommutativeOperator_HasItsOperandsSwapped()
    {
        Assert.Contains("  return a.length - b.length;", Mutants("  return b.length - a.length;", SourceDialect.JavaScript, "swapped operands"));
        Assert.Contains("x = total / count", Mutants("x = count / total", SourceDialect.Python, "swapped operands"));
        // a * b - c: the left operand of '-' is a * b, not b.
        Assert.Empty(Mutants("x = a * b - c", SourceDialect.Python, "swapped operands"));
    }

    [Fact]
    public void SubCondition_IsDroppedOrAdded()
    {
        var code = "if (a > 0 && b.ok) { x(); }\nif (c) { y(); }";

        Assert.Contains("if (a > 0) { x(); }\nif (c) { y(); }", Mutants(code, SourceDialect.JavaScript, "dropped sub-condition"));
        Assert.Contains("if (b.ok) { x(); }\nif (c) { y(); }", Mutants(code, SourceDialect.JavaScript, "dropped sub-condition"));
        Assert.Contains("    if a and b:\n        pass\n    if b:\n        pass\n", Mutants("    if a:\n        pass\n    if b:\n        pass\n", SourceDialect.Python, "added sub-condition"));
    }

    [Fact]
    public void NameInScope_IsSubtractedFromAnArgument()
    {
        var code = "func pad(s string, width int) string {\n\tused := len(s)\n\treturn s + strings.Repeat(\" \", width)\n}\n";

        Assert.Contains("\treturn s + strings.Repeat(\" \", width-used)", Mutants(code, SourceDialect.Go, "name added to an argument").Select(m => m.Split('\n')[2]));
    }

    [Fact]
    public void KeywordArgument_IsNotAnAssignment()
    {
        Assert.Empty(Mutants("def f(x):\n    g(key=x)\n", SourceDialect.Python, "min/max bound"));
    }

    [Fact]
    public void Templates_RankAfterTheTokenMutationsOfTheirLine()
    {
        var edits = MutationOperators.For("f", "def f(a, b):\n    return a < b\n", SourceDialect.Python).ToList();
        var templates = edits.Where(e => e.Operator is "min/max bound" or "constant replaced by a name" or "swapped operands" or "name added to an argument").ToList();

        Assert.NotEmpty(templates);
        Assert.True(templates.Max(e => e.Prior) < edits.Where(e => e.Operator == "relational operator").Min(e => e.Prior));
    }
}
