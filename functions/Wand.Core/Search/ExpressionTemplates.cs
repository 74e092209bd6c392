using Wand.SourceCode;

namespace Wand.Search;

/// <summary>
/// The fix templates of an expression: swapped operands of a non-commutative operator
/// (<c>b - a</c> → <c>a - b</c>), a constant returned or tested replaced by a name in scope or a
/// comparison of one (<c>return False</c> → <c>return count &gt; 0</c>), a returned or assigned
/// value bounded by min/max, and a call whose value was dropped returned (a missing return).
/// </summary>
internal static class ExpressionTemplates
{
    // '+' too, at a lower prior: it does not commute on strings and lists (`result + digit`).
    private static readonly HashSet<string> NonCommutative = ["-", "/", "//", "%", "**", "<<", ">>", "+"];

    // Operators that bind a neighbouring operand to something else than the operator swapped.
    private static readonly HashSet<string> Binding = ["+", "-", "*", "/", "//", "%", "**", "<<", ">>", ".", "?.", "!", "~", "&", "|", "^"];

    public static void SwappedOperands(List<SourceEdit> edits, SourceView view, int op)
    {
        var tokens = view.Tokens;
        if (!NonCommutative.Contains(tokens[op].Text) || op + 1 >= tokens.Count)
        {
            return;
        }

        var left = view.PrimaryStart(op - 1);
        var right = view.PrimaryEnd(op + 1);
        if (left < 0 || right < 0 || (left > 0 && Binding.Contains(tokens[left - 1].Text)) || (right + 1 < tokens.Count && Binding.Contains(tokens[right + 1].Text) && tokens[right + 1].Line == tokens[op].Line))
        {
            return;
        }

        var (a, b) = (view.Span(left, op - 1), view.Span(op + 1, right));
        if (a != b)
        {
            edits.Add(view.Replace(left, right, $"{b} {tokens[op].Text} {a}", "swapped operands", tokens[op].Text == "+" ? 0.15 : 0.4));
        }
    }

    /// <summary>A boolean or a number that a return or a condition holds, replaced by a name the function uses, or by a comparison of one.</summary>
    public static void Constants(List<SourceEdit> edits, SourceView view, TemplateSyntax syntax)
    {
        var places = view.Conditions.Select(c => (c.First, c.Last)).Concat(Returns(view));
        foreach (var (first, last) in places)
        {
            for (var i = first; i <= last; i++)
            {
                var t = view.Tokens[i];
                var boolean = t.Kind == TokenKind.Keyword && t.Text is "True" or "False" or "true" or "false";
                if (!boolean && t.Kind != TokenKind.Number)
                {
                    continue;
                }

                foreach (var name in view.ValueNames(t.Line).Take(FixTemplates.NamesTried))
                {
                    edits.Add(view.Replace(i, i, name, "constant replaced by a name", 0.25));
                    if (boolean)
                    {
                        edits.Add(view.Replace(i, i, syntax.Not(name), "constant replaced by a comparison", 0.2));
                        edits.Add(view.Replace(i, i, $"{name} > 0", "constant replaced by a comparison", 0.2));
                        edits.Add(view.Replace(i, i, $"{name} == 0", "constant replaced by a comparison", 0.15));
                    }
                }
            }
        }
    }

    /// <summary>A returned or assigned value wrapped in max or min with 0, 1 or a name the function uses.</summary>
    public static void Bounds(List<SourceEdit> edits, SourceView view, TemplateSyntax syntax)
    {
        foreach (var (first, last) in Returns(view).Concat(AssignedValues(view)))
        {
            if (view.Split(first, last + 1, ",").Count > 1)
            {
                continue;
            }

            var value = view.Span(first, last);
            var used = view.Tokens.Skip(first).Take(last - first + 1).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
            var bounds = new[] { ("0", 0.2), ("1", 0.15) }
                .Concat(view.ValueNames(view.Tokens[first].Line).Where(n => !used.Contains(n)).Take(FixTemplates.NamesTried).Select(n => (n, 0.12)));
            foreach (var (bound, prior) in bounds)
            {
                edits.Add(view.Replace(first, last, syntax.Bound("max", value, bound), "min/max bound", prior));
                edits.Add(view.Replace(first, last, syntax.Bound("min", value, bound), "min/max bound", prior));
            }
        }
    }

    /// <summary>A statement that calls and drops the value, returned instead: <c>search(items, mid)</c> → <c>return search(items, mid)</c>.</summary>
    public static void MissingReturns(List<SourceEdit> edits, SourceView view)
    {
        var tokens = view.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!view.IsStatementStart(i) || tokens[i].Kind != TokenKind.Identifier || view.Scope(tokens[i].Line) == 0 || view.IsDefinition(tokens[i].Line))
            {
                continue;
            }

            var end = view.PrimaryEnd(i);
            var endsStatement = end >= 0 && tokens[end].Text == ")"
                && (view.Dialect.IsPython ? end + 1 == tokens.Count || tokens[end + 1].Line != tokens[end].Line : end + 1 < tokens.Count && tokens[end + 1].Text == ";");
            if (endsStatement)
            {
                edits.Add(new SourceEdit(view.Path, tokens[i].Line, tokens[i].Offset, 0, "return ", "missing return", view.Dialect.IsPython ? 0.35 : 0.25));
            }
        }
    }

    /// <summary>The expression of each <c>return</c> that has one on its own line: its first and last tokens.</summary>
    private static IEnumerable<(int First, int Last)> Returns(SourceView view)
    {
        var tokens = view.Tokens;
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Kind == TokenKind.Keyword && tokens[i].Text == "return" && StatementEnd(view, i + 1) is var last and >= 0)
            {
                yield return (i + 1, last);
            }
        }
    }

    /// <summary>The value of each assignment <c>name = value</c> (also <c>let</c>, <c>var</c>, <c>:=</c>) on one line.</summary>
    private static IEnumerable<(int First, int Last)> AssignedValues(SourceView view)
    {
        var tokens = view.Tokens;
        for (var i = 1; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Text is "=" or ":=" && tokens[i].Kind == TokenKind.Operator && tokens[i - 1].Kind == TokenKind.Identifier
                && view.Scope(tokens[i].Line) != 0 && AtStatementLevel(view, i) && StatementEnd(view, i + 1) is var last and >= 0)
            {
                yield return (i + 1, last);
            }
        }
    }

    /// <summary>Whether nothing between the statement's start and <paramref name="at"/> opens a bracket (a keyword argument's '=' is not an assignment).</summary>
    private static bool AtStatementLevel(SourceView view, int at)
    {
        for (var j = at - 1; j >= 0 && view.Tokens[j].Line == view.Tokens[at].Line && view.Tokens[j].Text is not (";" or "{" or "}"); j--)
        {
            if (view.Tokens[j].Text is "(" or "[" or ",")
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The last token of an expression starting at <paramref name="first"/> that ends its statement on the same line, or -1.</summary>
    private static int StatementEnd(SourceView view, int first)
    {
        var tokens = view.Tokens;
        if (first >= tokens.Count || tokens[first].Line != tokens[first - 1].Line || tokens[first].Text is ";" or "}")
        {
            return -1;
        }

        var last = first;
        while (last + 1 < tokens.Count && tokens[last + 1].Line == tokens[first].Line && tokens[last + 1].Text is not (";" or "}" or "{"))
        {
            if (tokens[last + 1].Text is "(" or "[" && tokens[last + 1].Kind == TokenKind.Punctuation)
            {
                var close = view.Matching(last + 1);
                if (close < 0 || tokens[close].Line != tokens[first].Line)
                {
                    return -1;
                }

                last = close;
            }
            else if (tokens[last + 1].Text is ")" or "]")
            {
                return -1;
            }
            else
            {
                last++;
            }
        }

        var ends = last + 1 == tokens.Count || tokens[last + 1].Line != tokens[first].Line || tokens[last + 1].Text == ";";
        return ends && !tokens.Skip(first).Take(last - first + 1).Any(t => t.Text is "{" or "=>" or "lambda" or "function") ? last : -1;
    }
}
