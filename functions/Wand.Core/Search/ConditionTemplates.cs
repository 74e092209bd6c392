using Wand.SourceCode;

namespace Wand.Search;

/// <summary>
/// The fix templates of an if, elif or while condition: a None/null/empty guard on what it
/// reaches into (<c>node.left.value &lt; x</c> → <c>node.left is not None and node.left.value &lt; x</c>),
/// and a sub-condition dropped or another of the function's conditions added.
/// </summary>
internal static class ConditionTemplates
{
    /// <summary>Other conditions of the function a condition may gain.</summary>
    private const int ConditionsAdded = 4;

    public static void Guards(List<SourceEdit> edits, SourceView view, TemplateSyntax syntax, int first, int last)
    {
        if (syntax.Null is null)
        {
            return;
        }

        var (start, end) = Inner(view, first, last);
        var condition = Grouped(view, syntax, start, end);
        foreach (var receiver in Receivers(view, start, end))
        {
            edits.Add(view.Replace(start, end, $"{syntax.NotNull(receiver)} {syntax.And} {condition}", "None guard", 0.3));
            edits.Add(view.Replace(start, end, $"{syntax.IsNull(receiver)} {syntax.Or} {condition}", "None guard", 0.2));
            if (syntax.IsPython)
            {
                // Empty as well as None: `if items and items[0] == x`.
                edits.Add(view.Replace(start, end, $"{receiver} and {condition}", "None guard", 0.25));
                edits.Add(view.Replace(start, end, $"not {receiver} or {condition}", "None guard", 0.15));
            }
        }
    }

    public static void SubConditions(List<SourceEdit> edits, SourceView view, TemplateSyntax syntax, (int Keyword, int First, int Last) condition)
    {
        var (start, end) = Inner(view, condition.First, condition.Last);
        var op = syntax.Or;
        var parts = view.Split(start, end + 1, op);
        if (parts.Count == 1)
        {
            op = syntax.And;
            parts = view.Split(start, end + 1, op);
        }

        for (var k = 0; parts.Count > 1 && k < parts.Count; k++)
        {
            var kept = parts.Where((_, j) => j != k).Select(p => view.Span(p.Start, p.End));
            edits.Add(view.Replace(start, end, string.Join($" {op} ", kept), "dropped sub-condition", 0.35));
        }

        var own = view.Span(start, end);
        var grouped = Grouped(view, syntax, start, end);
        var others = view.Conditions
            .Where(c => c.Keyword != condition.Keyword && view.Scope(view.Tokens[c.Keyword].Line) == view.Scope(view.Tokens[condition.Keyword].Line))
            .Select(c => Inner(view, c.First, c.Last))
            .Select(c => (Text: view.Span(c.Start, c.End), Grouped: Grouped(view, syntax, c.Start, c.End)))
            .Where(c => c.Text != own)
            .DistinctBy(c => c.Text)
            .Take(ConditionsAdded);
        foreach (var other in others)
        {
            edits.Add(view.Replace(start, end, $"{grouped} {syntax.And} {other.Grouped}", "added sub-condition", 0.12));
            edits.Add(view.Replace(start, end, $"{grouped} {syntax.Or} {other.Grouped}", "added sub-condition", 0.1));
        }

        // Python: an emptiness test of a name the function uses (`if total < 0 or not coins:`).
        var used = view.Tokens.Skip(start).Take(end - start + 1).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        foreach (var name in syntax.IsPython ? view.ValueNames(view.Tokens[start].Line).Where(n => !used.Contains(n)).Take(FixTemplates.NamesTried) : [])
        {
            edits.Add(view.Replace(start, end, $"{grouped} or not {name}", "added sub-condition", 0.1));
            edits.Add(view.Replace(start, end, $"{grouped} and {name}", "added sub-condition", 0.1));
        }
    }

    /// <summary>A condition without its own parentheses (the C family's <c>if (...)</c>).</summary>
    private static (int Start, int End) Inner(SourceView view, int first, int last) =>
        view.Tokens[first].Text == "(" && view.Matching(first) == last && last > first + 1 ? (first + 1, last - 1) : (first, last);

    /// <summary>The condition's text, in parentheses when it holds an operator that binds looser than the one joined to it.</summary>
    private static string Grouped(SourceView view, TemplateSyntax syntax, int start, int end)
    {
        var text = view.Span(start, end);
        return view.Split(start, end + 1, syntax.Or, syntax.And, "?", "not").Count > 1 ? $"({text})" : text;
    }

    /// <summary>The names and member chains the condition reaches into (<c>node.left</c> of <c>node.left.value</c>, <c>items</c> of <c>items[0]</c>).</summary>
    private static List<string> Receivers(SourceView view, int start, int end)
    {
        var found = new List<string>();
        for (var j = start; j < end; j++)
        {
            if (view.Tokens[j].Kind != TokenKind.Identifier || view.Tokens[j + 1].Text is not ("." or "[" or "->") || view.IsCall(j))
            {
                continue;
            }

            var first = j;
            while (first >= start + 2 && view.Tokens[first - 1].Text == "." && view.Tokens[first - 2].Kind == TokenKind.Identifier)
            {
                first -= 2;
            }

            var receiver = view.Span(first, j);
            if (!found.Contains(receiver) && !(receiver.Length > 0 && char.IsUpper(receiver[0]) && !view.Dialect.IsPython) && receiver is not ("self" or "this"))
            {
                found.Add(receiver);
            }
        }

        return found;
    }
}
