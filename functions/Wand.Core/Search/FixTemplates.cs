using Wand.SourceCode;

namespace Wand.Search;

/// <summary>
/// The fix patterns template-based repair tools catalogued (TBar, PraPR and the mutation-testing
/// operator lists) beyond single-token mutations: a call replaced by its argument or a sibling, a
/// None guard, a min/max bound, a slice bound, a missing return, swapped operands, a sub-condition
/// dropped or added, a constant replaced by a name or a comparison of one, a name added to an
/// argument. Their priors sit below the token mutations', so the classic fixes of a line still
/// run first and the templates' edits spend the budget on the most suspicious lines.
/// </summary>
internal static class FixTemplates
{
    /// <summary>Names in scope a template tries at one place: the first used in the function.</summary>
    public const int NamesTried = 8;

    public static IEnumerable<SourceEdit> For(SourceView view)
    {
        var edits = new List<SourceEdit>();
        var syntax = TemplateSyntax.For(view.Dialect);
        for (var i = 0; i < view.Tokens.Count; i++)
        {
            if (view.Tokens[i].Kind == TokenKind.Identifier && view.IsCall(i) && !view.IsDefinition(view.Tokens[i].Line) && !view.IsDeclared(i))
            {
                CallTemplates.Call(edits, view, syntax, i);
            }
            else if (view.Tokens[i].Kind == TokenKind.Operator && i > 0 && SourceView.IsOperandEnd(view.Tokens[i - 1]))
            {
                ExpressionTemplates.SwappedOperands(edits, view, i);
            }
        }

        foreach (var condition in view.Conditions)
        {
            ConditionTemplates.Guards(edits, view, syntax, condition.First, condition.Last);
            ConditionTemplates.SubConditions(edits, view, syntax, condition);
        }

        CallTemplates.LoopIterables(edits, view, syntax);
        ExpressionTemplates.Constants(edits, view, syntax);
        ExpressionTemplates.Bounds(edits, view, syntax);
        ExpressionTemplates.MissingReturns(edits, view);
        return edits;
    }
}
