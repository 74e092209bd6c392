using Wand.SourceCode;

namespace Wand.Search;

/// <summary>
/// The fix templates of a call: a sibling called instead (<c>min</c> for <c>max</c>), the call
/// replaced by its argument (<c>len(str(x))</c> → <c>len(x)</c>) or by its receiver, and each
/// argument cut by a slice bound (<c>rest(items)</c> → <c>rest(items[1:])</c>) or given a name in
/// scope added or subtracted (<c>pad(width)</c> → <c>pad(width - used)</c>).
/// </summary>
internal static class CallTemplates
{
    // Functions and methods that are each other's usual slip, in the languages' spellings.
    private static readonly string[][] SiblingGroups =
    [
        ["min", "max"], ["Min", "Max"], ["floor", "ceil"], ["Floor", "Ceiling"], ["any", "all"], ["Any", "All"],
        ["append", "extend"], ["startswith", "endswith"], ["startsWith", "endsWith"], ["StartsWith", "EndsWith"], ["starts_with", "ends_with"],
        ["HasPrefix", "HasSuffix"], ["TrimPrefix", "TrimSuffix"], ["lower", "upper"], ["toLowerCase", "toUpperCase"], ["ToLower", "ToUpper"],
        ["to_lowercase", "to_uppercase"], ["find", "rfind"], ["index", "rindex"], ["indexOf", "lastIndexOf"],
        ["IndexOf", "LastIndexOf"], ["Index", "LastIndex"], ["push", "unshift"], ["pop", "shift"], ["strip", "lstrip", "rstrip"],
        ["trim", "trimStart", "trimEnd"], ["Trim", "TrimStart", "TrimEnd"], ["TrimLeft", "TrimRight"], ["trim_start", "trim_end"],
        ["sorted", "reversed"], ["keys", "values", "items"], ["first", "last"], ["First", "Last"], ["isupper", "islower"],
        ["isdigit", "isalpha", "isalnum"], ["floor_div", "div_euclid"], ["round", "floor"],
    ];

    public static void Call(List<SourceEdit> edits, SourceView view, TemplateSyntax syntax, int name)
    {
        var close = view.Matching(name + 1);
        if (close < 0)
        {
            return;
        }

        var arguments = close == name + 2 ? [] : view.Split(name + 2, close, ",");
        foreach (var sibling in SiblingGroups.Where(g => g.Contains(view.Tokens[name].Text)).SelectMany(g => g).Where(s => s != view.Tokens[name].Text).Distinct())
        {
            edits.Add(view.Replace(name, name, sibling, "sibling call", 0.5));
        }

        if (arguments.Count == 1 && !view.IsMember(name) && arguments[0].End >= arguments[0].Start)
        {
            edits.Add(view.Replace(name, close, view.Span(arguments[0].Start, arguments[0].End), "call replaced by its argument", 0.35));
        }
        else if (arguments.Count == 0 && view.IsMember(name) && name >= 2 && view.PrimaryStart(name - 2) is var receiver and >= 0)
        {
            edits.Add(view.Replace(receiver, close, view.Span(receiver, name - 2), "call replaced by its receiver", 0.3));
        }

        foreach (var (start, end) in arguments.Where(a => a.End >= a.Start && IsArithmetic(view, a.Start, a.End)))
        {
            Argument(edits, view, syntax, start, end);
        }
    }

    private static void Argument(List<SourceEdit> edits, SourceView view, TemplateSyntax syntax, int start, int end)
    {
        var text = view.Span(start, end);
        if (start == end && view.Tokens[start].Kind == TokenKind.Identifier)
        {
            foreach (var slice in syntax.Slices)
            {
                edits.Add(view.Replace(start, end, slice(text), "slice bound", 0.3));
            }
        }

        var used = view.Tokens.Skip(start).Take(end - start + 1).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        var space = syntax.TightArguments ? "" : " ";
        foreach (var other in view.ValueNames(view.Tokens[start].Line).Where(n => !used.Contains(n)).Take(FixTemplates.NamesTried))
        {
            edits.Add(view.Replace(start, end, $"{text}{space}-{space}{other}", "name added to an argument", 0.12));
            edits.Add(view.Replace(start, end, $"{text}{space}+{space}{other}", "name added to an argument", 0.12));
        }
    }

    /// <summary>
    /// What a Python for loop walks, cut by a slice bound: <c>for x in arr:</c> →
    /// <c>for x in arr[1:]:</c>, or from or up to a name the function uses (<c>arr[k:]</c>).
    /// </summary>
    public static void LoopIterables(List<SourceEdit> edits, SourceView view, TemplateSyntax syntax)
    {
        var tokens = view.Tokens;
        for (var i = 1; syntax.IsPython && i + 1 < tokens.Count; i++)
        {
            if (tokens[i - 1].Text != "in" || tokens[i].Kind != TokenKind.Identifier || tokens[i + 1].Text != ":" || !view.LineUpTo(i).Any(t => t.Text == "for"))
            {
                continue;
            }

            foreach (var slice in syntax.Slices)
            {
                edits.Add(view.Replace(i, i, slice(tokens[i].Text), "slice bound", 0.3));
            }

            foreach (var name in view.ValueNames(tokens[i].Line).Where(n => n != tokens[i].Text).Take(FixTemplates.NamesTried))
            {
                edits.Add(view.Replace(i, i, $"{tokens[i].Text}[{name}:]", "slice bound", 0.15));
                edits.Add(view.Replace(i, i, $"{tokens[i].Text}[:{name}]", "slice bound", 0.15));
            }
        }
    }

    /// <summary>An argument made of names, numbers, calls, members and arithmetic only: a number, not a string, a lambda or a keyword argument.</summary>
    private static bool IsArithmetic(SourceView view, int start, int end) =>
        view.Tokens.Skip(start).Take(end - start + 1).All(t =>
            t.Kind is TokenKind.Identifier or TokenKind.Number or TokenKind.Punctuation
            || t.Text is "+" or "-" or "*" or "/" or "//" or "%" or "." or "?." or "::");
}
