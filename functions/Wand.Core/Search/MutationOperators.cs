using System.Globalization;
using Wand.SourceCode;

namespace Wand.Search;

/// <summary>
/// Every small edit of one file that classic program repair tries (operators, constants, off-by-one
/// bounds, negated conditions, names in scope, swapped arguments, deleted or repeated statements,
/// other return values), each with a prior: how often that kind of edit is the fix of a one-line
/// defect. Edits touch tokens only, never the inside of a string or a comment.
/// </summary>
public static class MutationOperators
{
    private static readonly string[][] RelationalGroups = [["<", "<=", ">", ">="], ["==", "!="], ["===", "!=="]];
    private static readonly string[][] ArithmeticGroups = [["+", "-", "*", "/", "%"]];
    private static readonly string[] CompoundAssignments = ["+=", "-=", "*=", "/=", "%=", "|=", "&=", "^=", "<<=", ">>=", "//=", "**="];
    private static readonly string[][] BitwiseGroups = [["&", "|", "^"], ["<<", ">>"]];

    public static IEnumerable<SourceEdit> For(string path, string text, SourceDialect dialect)
    {
        var view = new SourceView(path, text, dialect);
        var tokens = view.Tokens;
        var edits = new List<SourceEdit>();
        var generic = dialect.IsPython ? [] : GenericBrackets(tokens);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            var binary = i > 0 && SourceView.IsOperandEnd(tokens[i - 1]);
            switch (t.Kind)
            {
                case TokenKind.Operator when binary && !generic.Contains(i):
                    Operators(edits, path, t, dialect);
                    break;
                case TokenKind.Keyword when dialect.IsPython && t.Text is "and" or "or":
                    edits.Add(Replace(path, t, t.Text == "and" ? "or" : "and", "logical operator", 0.8));
                    break;
                case TokenKind.Keyword when SourceView.ValueKeywords.Contains(t.Text):
                    Booleans(edits, path, t);
                    break;
                case TokenKind.Number:
                    Constants(edits, path, t, i > 0 ? tokens[i - 1] : null);
                    break;
            }

            if (t.Kind == TokenKind.Operator && t.Text == "!" && !binary && i + 1 < tokens.Count)
            {
                edits.Add(Replace(path, t, "", "negated condition", 0.6));
            }
            else if (t.Kind == TokenKind.Keyword && t.Text == "not" && dialect.IsPython && !(i > 0 && tokens[i - 1].Text == "is"))
            {
                edits.Add(new SourceEdit(path, t.Line, t.Offset, Math.Min(text.Length, t.End + 1) - t.Offset, "", "negated condition", 0.6));
            }
        }

        OffByOne(edits, view);
        Conditions(edits, view);
        Names(edits, view);
        ArgumentSwaps(edits, view);
        Statements(edits, view);
        ReturnValues(edits, view);
        return edits.Concat(FixTemplates.For(view));
    }

    private static void Operators(List<SourceEdit> edits, string path, SourceToken t, SourceDialect dialect)
    {
        foreach (var group in RelationalGroups)
        {
            if (group.Contains(t.Text))
            {
                foreach (var other in group.Where(o => o != t.Text))
                {
                    // The neighbours (< and <=, == and !=) are the usual slip; a flip is next.
                    var prior = Neighbours(t.Text, other) ? 1.0 : group.Length == 2 ? 0.9 : 0.6;
                    edits.Add(Replace(path, t, other, "relational operator", prior));
                }
            }
        }

        foreach (var group in ArithmeticGroups.Concat(dialect.IsPython ? [["+", "-", "*", "//", "%", "/"]] : []))
        {
            if (group.Contains(t.Text))
            {
                foreach (var other in group.Where(o => o != t.Text).Distinct())
                {
                    var prior = (t.Text.TrimEnd('='), other.TrimEnd('=')) switch
                    {
                        ("+", "-") or ("-", "+") or ("/", "//") or ("//", "/") => 0.8,
                        ("/", "%") or ("%", "/") or ("*", "/") or ("/", "*") => 0.6,
                        _ => 0.35,
                    };
                    edits.Add(Replace(path, t, other, "arithmetic operator", prior));
                }

                break;
            }
        }

        if (CompoundAssignments.Contains(t.Text))
        {
            CompoundAssignment(edits, path, t, dialect);
        }

        if (t.Text is ".." or "..=")
        {
            edits.Add(Replace(path, t, t.Text == ".." ? "..=" : "..", "off-by-one bound", 0.8));
        }

        if (t.Text is "&&" or "||")
        {
            edits.Add(Replace(path, t, t.Text == "&&" ? "||" : "&&", "logical operator", 0.8));
        }

        foreach (var group in BitwiseGroups)
        {
            if (group.Contains(t.Text))
            {
                foreach (var other in group.Where(o => o != t.Text))
                {
                    edits.Add(Replace(path, t, other, "bitwise operator", 0.5));
                }
            }
        }
    }

    /// <summary><c>|=</c> for <c>^=</c>, <c>-=</c> for <c>+=</c>: the slip is likeliest within the arithmetic or the bitwise ones.</summary>
    private static void CompoundAssignment(List<SourceEdit> edits, string path, SourceToken t, SourceDialect dialect)
    {
        static int Family(string op) => op is "|=" or "&=" or "^=" or "<<=" or ">>=" ? 1 : 0;
        foreach (var other in CompoundAssignments.Where(o => o != t.Text && (dialect.IsPython || o is not ("//=" or "**="))))
        {
            var prior = (t.Text, other) is ("+=", "-=") or ("-=", "+=") or ("/=", "//=") or ("//=", "/=") ? 0.8
                : Family(t.Text) == Family(other) ? 0.6 : 0.3;
            edits.Add(Replace(path, t, other, "compound assignment", prior));
        }
    }

    private static bool Neighbours(string a, string b) =>
        (a, b) is ("<", "<=") or ("<=", "<") or (">", ">=") or (">=", ">") or ("==", "!=") or ("!=", "==") or ("===", "!==") or ("!==", "===");

    private static void Booleans(List<SourceEdit> edits, string path, SourceToken t)
    {
        var flipped = t.Text switch
        {
            "True" => "False",
            "False" => "True",
            "true" => "false",
            "false" => "true",
            _ => null,
        };
        if (flipped is not null)
        {
            edits.Add(Replace(path, t, flipped, "constant", 0.8));
        }
    }

    private static void Constants(List<SourceEdit> edits, string path, SourceToken t, SourceToken? previous)
    {
        // Decimal integers only (with a type suffix kept: 1u, 10usize, 2L).
        var digits = new string(t.Text.TakeWhile(char.IsDigit).ToArray());
        var suffix = t.Text[digits.Length..];
        if (digits.Length == 0 || digits.Length > 9 || (suffix.Length > 0 && !suffix.All(char.IsLetter)) || (digits.Length > 1 && digits[0] == '0'))
        {
            return;
        }

        var value = long.Parse(digits, CultureInfo.InvariantCulture);
        // x - 1 → x - 0 is the off-by-one edit that drops the term, written worse.
        var tried = new HashSet<long> { value };
        if (previous?.Text is "+" or "-")
        {
            tried.Add(0);
        }

        foreach (var (other, prior) in new[] { (value + 1, 0.9), (value - 1, 0.9), (0L, 0.5), (1L, 0.5), (value * 2, 0.2), (value / 2, 0.2), (value * 10, 0.2), (value / 10, 0.2) })
        {
            if (other >= 0 && tried.Add(other))
            {
                edits.Add(Replace(path, t, other.ToString(CultureInfo.InvariantCulture) + suffix, "constant", prior));
            }
        }
    }

    /// <summary>
    /// Bounds one off: drop a <c>± 1</c>, or add one after an operand that ends a range, slice, index
    /// or comparison, or any argument of a call (less likely there).
    /// </summary>
    private static void OffByOne(List<SourceEdit> edits, SourceView view)
    {
        var (path, tokens) = (view.Path, view.Tokens);
        for (var i = 1; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind == TokenKind.Number && t.Text == "1" && tokens[i - 1].Text is "+" or "-" && i >= 2 && SourceView.IsOperandEnd(tokens[i - 2]))
            {
                var op = tokens[i - 1];
                edits.Add(new SourceEdit(path, t.Line, tokens[i - 2].End, t.End - tokens[i - 2].End, "", "off-by-one bound", 0.9));
                edits.Add(Replace(path, op, op.Text == "+" ? "-" : "+", "off-by-one bound", 0.5));
            }

            var next = i + 1 < tokens.Count ? tokens[i + 1] : null;
            if (next is not null && SourceView.IsOperandEnd(t) && t.Kind is not (TokenKind.Text or TokenKind.Number)
                && next.Text is ")" or "]" or ":" or ";" or "," or "{" or "<" or "<=" or ">" or ">=" or ".." or "..=" && next.Line == t.Line)
            {
                var (kind, prior) = InBoundContext(view, i) ? ("off-by-one bound", 0.7) : next.Text is ")" or "]" or "," ? ("off-by-one argument", 0.3) : (null, 0);
                if (kind is not null)
                {
                    edits.Add(Insert(path, t, " + 1", kind, prior));
                    edits.Add(Insert(path, t, " - 1", kind, prior));
                }
            }
            else if (SourceView.IsOperandEnd(t) && t.Kind is not (TokenKind.Text or TokenKind.Number) && (next is null || next.Line != t.Line || next.Text == ";")
                && view.LineUpTo(i).Any(x => x.Text is "=" or "return"))
            {
                // The value an assignment or a return ends with: `hi = mid` for `hi = mid - 1`.
                edits.Add(Insert(path, t, " + 1", "off-by-one value", 0.35));
                edits.Add(Insert(path, t, " - 1", "off-by-one value", 0.35));
            }
        }
    }

    /// <summary>Inside a range(...) call, a slice or index, a loop header or a comparison on the same line.</summary>
    private static bool InBoundContext(SourceView view, int at) =>
        view.LineOf(at).Any(t => t.Text is "range" or "for" or "while" or "[" or "<" or "<=" or ">" or ">=" or ".." or "..=" or "len" or "length" or "size" or "Length" or "Count" or "substring" or "slice" or "substr");

    private static void Conditions(List<SourceEdit> edits, SourceView view)
    {
        var (path, text, tokens, dialect) = (view.Path, view.Text, view.Tokens, view.Dialect);
        foreach (var (keyword, first, last) in view.Conditions)
        {
            var i = keyword;
            var start = tokens[first].Offset;
            var end = tokens[last].End;
            var condition = text[start..end];
            // A lone call or name is negated as people write it (!seen.has(k)); anything else in parentheses.
            var inner = tokens[first].Text == "(" && last == view.Matching(first) ? (first + 1, last - 1) : (first, last);
            var simple = !tokens.Skip(inner.Item1).Take(inner.Item2 - inner.Item1 + 1).Any(t => t.Kind == TokenKind.Operator && t.Text is not ("::" or "->" or "?."));
            var negated = dialect.IsPython ? (simple ? $"not {condition}" : $"not ({condition})")
                : tokens[first].Text == "(" && last == view.Matching(first) ? (simple ? $"(!{condition[1..^1]})" : $"(!{condition})")
                : simple ? $"!{condition}" : $"!({condition})";
            edits.Add(new SourceEdit(path, tokens[i].Line, start, end - start, negated, "negated condition", 0.6));
        }
    }

    /// <summary>
    /// A name replaced by another name of the same kind (a call by a call, a member by a member, a
    /// value by a value) used in the same function. Declarations (a function's own line, the name
    /// after def/let/var...) are left alone: renaming them only breaks the build.
    /// </summary>
    private static void Names(List<SourceEdit> edits, SourceView view)
    {
        var (path, tokens, dialect) = (view.Path, view.Tokens, view.Dialect);
        var names = Enumerable.Range(0, tokens.Count).Where(i => tokens[i].Kind == TokenKind.Identifier).ToList();
        (int Scope, bool Call, bool Member) Kind(int i) => (view.Scope(tokens[i].Line), i + 1 < tokens.Count && tokens[i + 1].Text == "(", view.IsMember(i));
        // What a name may become: the names of the same kind in its function, found once.
        var byKind = names.Where(i => !view.IsDeclared(i) && !(i > 0 && tokens[i - 1].Text == "package"))
            .GroupBy(Kind)
            .ToDictionary(g => g.Key, g => g.Select(i => tokens[i].Text).Distinct(StringComparer.Ordinal).ToList());
        foreach (var index in names)
        {
            var token = tokens[index];
            if (view.IsDeclared(index) || view.IsDefinition(token.Line)
                || (dialect.IsPython && index + 1 < tokens.Count && tokens[index + 1].Text == "=" && tokens[index + 1].Line == token.Line && view.IsStatementStart(index)))
            {
                continue;
            }

            foreach (var other in byKind.GetValueOrDefault(Kind(index)) ?? [])
            {
                if (other != token.Text)
                {
                    edits.Add(Replace(path, token, other, "wrong name", 0.5));
                }
            }
        }
    }

    /// <summary>Two arguments of a call, or indexes of a subscript (<c>d[j, k]</c>), trade places (adjacent ones only).</summary>
    private static void ArgumentSwaps(List<SourceEdit> edits, SourceView view)
    {
        var (path, text, tokens) = (view.Path, view.Text, view.Tokens);
        for (var i = 1; i < tokens.Count; i++)
        {
            if (tokens[i].Text is not ("(" or "[") || tokens[i - 1].Kind != TokenKind.Identifier)
            {
                continue;
            }

            var close = view.Matching(i);
            if (close < 0 || tokens[close].Line != tokens[i].Line)
            {
                continue;
            }

            var arguments = view.Split(i + 1, close, ",");
            for (var a = 0; a + 1 < arguments.Count; a++)
            {
                var (s1, e1) = arguments[a];
                var (s2, e2) = arguments[a + 1];
                if (e1 < s1 || e2 < s2)
                {
                    continue;
                }

                var first = text[tokens[s1].Offset..tokens[e1].End];
                var second = text[tokens[s2].Offset..tokens[e2].End];
                if (first != second)
                {
                    var between = text[tokens[e1].End..tokens[s2].Offset];
                    edits.Add(new SourceEdit(path, tokens[i].Line, tokens[s1].Offset, tokens[e2].End - tokens[s1].Offset, second + between + first, "swapped arguments", 0.5));
                }
            }
        }
    }

    /// <summary>A statement deleted or repeated: whole lines in Python, ';'-ended statements in the C family.</summary>
    private static void Statements(List<SourceEdit> edits, SourceView view)
    {
        var (path, text, tokens, dialect) = (view.Path, view.Text, view.Tokens, view.Dialect);
        for (int lineStart = 0, lineEnd; lineStart < tokens.Count; lineStart = lineEnd + 1)
        {
            lineEnd = lineStart;
            while (lineEnd + 1 < tokens.Count && tokens[lineEnd + 1].Line == tokens[lineStart].Line)
            {
                lineEnd++;
            }

            var first = tokens[lineStart];
            if (dialect.IsPython && first.Kind == TokenKind.Keyword && first.Text is "def" or "func" or "fn" or "function" or "class" or "struct" or "import" or "package" or "using" or "return" or "else" or "elif" or "if" or "for" or "while" or "try" or "except" or "finally" or "case" or "default")
            {
                continue;
            }

            if (dialect.IsPython)
            {
                PythonStatement(edits, view, lineStart, lineEnd);
                continue;
            }

            // Statements end at ';' outside parentheses (not a for header's) and start after '{', '}' or ';'.
            var depth = 0;
            var start = lineStart;
            for (var i = start; i <= lineEnd; i++)
            {
                var t = tokens[i];
                if (t.Text is "(" or "[")
                {
                    depth++;
                }
                else if (t.Text is ")" or "]")
                {
                    depth--;
                }
                else if (depth == 0 && t.Text is "{" or "}")
                {
                    start = i + 1;
                }
                else if (depth == 0 && t.Text == ";")
                {
                    if (i > start && !(tokens[start].Kind == TokenKind.Keyword && tokens[start].Text is "return" or "for" or "let" or "var" or "const" or "int" or "auto"))
                    {
                        var statement = text[tokens[start].Offset..t.End];
                        var space = t.End < text.Length && text[t.End] == ' ' ? 1 : 0;
                        edits.Add(new SourceEdit(path, tokens[start].Line, tokens[start].Offset, statement.Length + space, "", "deleted statement", 0.35));
                        edits.Add(new SourceEdit(path, tokens[start].Line, t.End, 0, " " + statement, "repeated statement", 0.15));
                    }

                    start = i + 1;
                }
            }
        }
    }

    /// <summary>A whole Python line (a statement that ends on it) deleted or repeated.</summary>
    private static void PythonStatement(List<SourceEdit> edits, SourceView view, int firstIndex, int lastIndex)
    {
        var (first, lineEnd, text, tokens) = (view.Tokens[firstIndex], view.Tokens[lastIndex], view.Text, view.Tokens);
        var open = tokens.FindIndex(firstIndex, lastIndex - firstIndex + 1, t => t.Text is "(" or "[" or "{");
        if (lineEnd.Text is ":" or "(" or "[" or "{" or "," or "\\" || (open >= 0 && view.Matching(open) is var m && (m < 0 || tokens[m].Line != first.Line)))
        {
            return;
        }

        var statement = text[first.Offset..lineEnd.End];
        var indent = text[(text.LastIndexOf('\n', Math.Max(0, first.Offset - 1)) + 1)..first.Offset];
        edits.Add(new SourceEdit(view.Path, first.Line, first.Offset, statement.Length, "pass", "deleted statement", 0.35));
        edits.Add(new SourceEdit(view.Path, first.Line, lineEnd.End, 0, "\n" + indent + statement, "repeated statement", 0.15));
    }

    /// <summary>A returned expression replaced by another one the same file returns elsewhere.</summary>
    private static void ReturnValues(List<SourceEdit> edits, SourceView view)
    {
        var (path, text, tokens, dialect) = (view.Path, view.Text, view.Tokens, view.Dialect);
        var returns = new List<(int Line, int Start, int End)>();
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            if (tokens[i].Text != "return" || tokens[i].Kind != TokenKind.Keyword || tokens[i + 1].Line != tokens[i].Line || tokens[i + 1].Text is ";" or "}")
            {
                continue;
            }

            var last = i + 1;
            while (last + 1 < tokens.Count && tokens[last + 1].Line == tokens[i].Line && tokens[last + 1].Text != ";" && !(tokens[last + 1].Text == "}" && dialect.Name != "python"))
            {
                last++;
            }

            returns.Add((tokens[i].Line, tokens[i + 1].Offset, tokens[last].End));
        }

        var values = returns.Select(r => text[r.Start..r.End]).Distinct(StringComparer.Ordinal).ToList();
        foreach (var r in returns)
        {
            var own = text[r.Start..r.End];
            foreach (var other in values.Where(v => v != own && v.Length <= 80))
            {
                edits.Add(new SourceEdit(path, r.Line, r.Start, r.End - r.Start, other, "return value", 0.4));
            }
        }
    }

    /// <summary>
    /// The '&lt;' and '&gt;' of type arguments (<c>List&lt;int&gt;</c>, <c>Vec&lt;i32&gt;</c>): changing them only
    /// breaks the build. Recognised as a '&lt;' whose matching '&gt;' follows within a few type-like tokens.
    /// </summary>
    private static HashSet<int> GenericBrackets(List<SourceToken> tokens)
    {
        var found = new HashSet<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Text != "<")
            {
                continue;
            }

            for (var j = i + 1; j < tokens.Count && j <= i + 8; j++)
            {
                var t = tokens[j];
                if (t.Text is ">" or ">>")
                {
                    found.Add(i);
                    found.Add(j);
                    break;
                }

                if (!(t.Kind is TokenKind.Identifier or TokenKind.Keyword || t.Text is "," or "::" or "." or "&" or "[" or "]" or "<" or "?"))
                {
                    break;
                }
            }
        }

        return found;
    }

    private static SourceEdit Replace(string path, SourceToken t, string replacement, string kind, double prior) =>
        new(path, t.Line, t.Offset, t.Text.Length, replacement, kind, prior);

    private static SourceEdit Insert(string path, SourceToken after, string text, string kind, double prior) =>
        new(path, after.Line, after.End, 0, text, kind, prior);
}
