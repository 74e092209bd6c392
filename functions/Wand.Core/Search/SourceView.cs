using Wand.SourceCode;

namespace Wand.Search;

/// <summary>
/// One file's tokens (comments dropped) with what the edit makers ask of them: matching
/// brackets, a call's arguments, the function a line is in and the names it reads as values.
/// A lexer's view, not a parser's: the edits built on it may not compile, and the sandbox says so.
/// </summary>
internal sealed class SourceView
{
    // Names a number or a name may be replaced by when it is a value (not a type or a call).
    public static readonly HashSet<string> ValueKeywords = ["True", "False", "None", "true", "false", "null", "nil", "this", "self", "undefined"];

    private readonly List<int> _definitions;
    private readonly int[] _lineStarts;
    private readonly int[] _partners;
    private readonly Dictionary<int, List<string>> _valueNames = [];
    private List<(int Keyword, int First, int Last)>? _conditions;

    public SourceView(string path, string text, SourceDialect dialect)
    {
        (Path, Text, Dialect) = (path, text, dialect);
        Tokens = [.. SourceTokenizer.Tokenize(text, dialect).Where(t => t.Kind != TokenKind.Comment)];
        _definitions = [.. Enumerable.Range(0, Tokens.Count).Where(IsDefinitionLine).Select(i => Tokens[i].Line).Distinct()];
        _partners = Partners(Tokens);
        _lineStarts = new int[Tokens.Count];
        for (var i = 0; i < Tokens.Count; i++)
        {
            _lineStarts[i] = IsStatementStart(i) ? i : _lineStarts[i - 1];
        }
    }

    /// <summary>The tokens of the line token <paramref name="i"/> is on, up to and including it.</summary>
    public IEnumerable<SourceToken> LineUpTo(int i) => Tokens.Skip(_lineStarts[i]).Take(i - _lineStarts[i] + 1);

    /// <summary>Every token of the line token <paramref name="i"/> is on.</summary>
    public IEnumerable<SourceToken> LineOf(int i) => Tokens.Skip(_lineStarts[i]).TakeWhile(t => t.Line == Tokens[i].Line);

    public string Path { get; }

    public string Text { get; }

    public SourceDialect Dialect { get; }

    public List<SourceToken> Tokens { get; }

    /// <summary>The text of tokens <paramref name="first"/> to <paramref name="last"/>, with what lies between them.</summary>
    public string Span(int first, int last) => Text[Tokens[first].Offset..Tokens[last].End];

    /// <summary>An edit replacing tokens <paramref name="first"/> to <paramref name="last"/>.</summary>
    public SourceEdit Replace(int first, int last, string replacement, string kind, double prior) =>
        new(Path, Tokens[first].Line, Tokens[first].Offset, Tokens[last].End - Tokens[first].Offset, replacement, kind, prior);

    public bool IsCall(int i) => i + 1 < Tokens.Count && Tokens[i + 1].Text == "(" && Tokens[i].Kind == TokenKind.Identifier;

    public bool IsMember(int i) => i > 0 && Tokens[i - 1].Text is "." or "->" or "::" or "?.";

    /// <summary>A name being declared (after def, let, var...), which an edit must not rename.</summary>
    public bool IsDeclared(int i) => i > 0 && Tokens[i - 1].Text is "def" or "func" or "fn" or "function" or "class" or "struct" or "import" or "package" or "let" or "var" or "const" or "mut" or "new";

    public bool IsDefinition(int line) => _definitions.Contains(line);

    /// <summary>The function a line is in, as the line of its definition (0 outside any).</summary>
    public int Scope(int line)
    {
        // The definitions are in order: the last at or above the line.
        var at = _definitions.BinarySearch(line);
        return at >= 0 ? _definitions[at] : ~at > 0 ? _definitions[~at - 1] : 0;
    }

    public bool IsStatementStart(int i) => i == 0 || Tokens[i - 1].Line != Tokens[i].Line;

    /// <summary>The names the function around <paramref name="line"/> reads as values (parameters and locals; not calls, members or types), in order of first use.</summary>
    public IReadOnlyList<string> ValueNames(int line)
    {
        var scope = Scope(line);
        if (!_valueNames.TryGetValue(scope, out var names))
        {
            names = _valueNames[scope] = [.. Enumerable.Range(0, Tokens.Count)
                .Where(i => Tokens[i].Kind == TokenKind.Identifier && Scope(Tokens[i].Line) == scope && !IsCall(i) && !IsMember(i) && !IsDeclared(i)
                    && !(i + 1 < Tokens.Count && Tokens[i + 1].Text is "." or "(" && Tokens[i].Text.Length > 0 && char.IsUpper(Tokens[i].Text[0]) && !Dialect.IsPython))
                .Select(i => Tokens[i].Text)
                .Distinct(StringComparer.Ordinal)];
        }

        return names;
    }

    /// <summary>
    /// Each if, elif and while condition: its keyword, and its first and last tokens (Python up to
    /// the line's ':', the C family its parenthesised expression, Go and Rust up to the block's '{').
    /// </summary>
    public IReadOnlyList<(int Keyword, int First, int Last)> Conditions => _conditions ??= FindConditions();

    private List<(int Keyword, int First, int Last)> FindConditions()
    {
        var found = new List<(int, int, int)>();
        for (var i = 0; i < Tokens.Count - 1; i++)
        {
            if (Tokens[i].Kind != TokenKind.Keyword || Tokens[i].Text is not ("if" or "while" or "elif"))
            {
                continue;
            }

            var first = i + 1;
            var last = Dialect.IsPython ? Tokens.FindIndex(first, t => t.Text == ":" && t.Line == Tokens[i].Line) - 1
                : Tokens[first].Text == "(" ? Matching(first)
                : Tokens.FindIndex(first, t => t.Text == "{") - 1;
            if (last >= first)
            {
                found.Add((i, first, last));
            }
        }

        return found;
    }

    /// <summary>Whether a token can end an operand: a name, a literal, a value keyword or a closing bracket.</summary>
    public static bool IsOperandEnd(SourceToken t) => IsValue(t) || t.Text is ")" or "]";

    /// <summary>A name, a literal or a value keyword (<c>None</c>, <c>this</c>...).</summary>
    private static bool IsValue(SourceToken t) =>
        t.Kind is TokenKind.Identifier or TokenKind.Number or TokenKind.Text || (t.Kind == TokenKind.Keyword && ValueKeywords.Contains(t.Text));

    /// <summary>The index of the bracket closing the one at <paramref name="open"/>, or -1.</summary>
    public int Matching(int open) => _partners[open] > open ? _partners[open] : -1;

    /// <summary>The index of the bracket opening the one at <paramref name="close"/>, or -1.</summary>
    public int Opening(int close) => _partners[close] is var p && p >= 0 && p < close ? p : -1;

    /// <summary>Each bracket's partner (the other bracket of its pair), -1 for a token that is none or has none; found once, in one pass.</summary>
    private static int[] Partners(List<SourceToken> tokens)
    {
        var partners = Enumerable.Repeat(-1, tokens.Count).ToArray();
        var open = new Stack<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != TokenKind.Punctuation)
            {
                continue;
            }

            if (tokens[i].Text is "(" or "[" or "{")
            {
                open.Push(i);
            }
            else if (tokens[i].Text is ")" or "]" or "}" && open.TryPop(out var partner))
            {
                (partners[i], partners[partner]) = (partner, i);
            }
        }

        return partners;
    }

    /// <summary>Token ranges [start, end] between <paramref name="from"/> and <paramref name="to"/> (exclusive), split at top-level <paramref name="separators"/>.</summary>
    public List<(int Start, int End)> Split(int from, int to, params string[] separators)
    {
        var parts = new List<(int, int)>();
        var depth = 0;
        var start = from;
        for (var i = from; i < to; i++)
        {
            var t = Tokens[i];
            if (t.Kind == TokenKind.Punctuation && t.Text is "(" or "[" or "{")
            {
                depth++;
            }
            else if (t.Kind == TokenKind.Punctuation && t.Text is ")" or "]" or "}")
            {
                depth--;
            }
            else if (depth == 0 && separators.Contains(t.Text) && t.Kind != TokenKind.Text)
            {
                parts.Add((start, i - 1));
                start = i + 1;
            }
        }

        parts.Add((start, to - 1));
        return parts;
    }

    /// <summary>
    /// A primary expression ending at <paramref name="last"/> (a name, literal, call, index or
    /// member chain, or a parenthesised group): the index of its first token, or -1.
    /// </summary>
    public int PrimaryStart(int last)
    {
        var i = last;
        while (i >= 0)
        {
            var t = Tokens[i];
            if (t.Text is ")" or "]")
            {
                i = Opening(i);
                if (i < 0)
                {
                    return -1;
                }

                if (i > 0 && (Tokens[i - 1].Kind == TokenKind.Identifier || Tokens[i - 1].Text is ")" or "]"))
                {
                    i--;
                    continue;
                }
            }
            else if (!IsValue(t))
            {
                return -1;
            }

            if (i >= 2 && Tokens[i - 1].Text is "." or "?." && IsOperandEnd(Tokens[i - 2]))
            {
                i -= 2;
                continue;
            }

            return i;
        }

        return -1;
    }

    /// <summary>A primary expression starting at <paramref name="first"/>: the index of its last token, or -1.</summary>
    public int PrimaryEnd(int first)
    {
        var t = Tokens[first];
        var i = t.Text == "(" ? Matching(first) : IsValue(t) ? first : -1;
        while (i >= 0 && i + 1 < Tokens.Count)
        {
            var next = Tokens[i + 1];
            if (next.Text is "(" or "[" && next.Kind == TokenKind.Punctuation)
            {
                i = Matching(i + 1);
            }
            else if (next.Text is "." or "?." && i + 2 < Tokens.Count && Tokens[i + 2].Kind == TokenKind.Identifier)
            {
                i += 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    /// <summary>A line that starts a function: def/func/fn/function, or a name with parameters that opens a block.</summary>
    private bool IsDefinitionLine(int i)
    {
        var t = Tokens[i];
        if (!IsStatementStart(i))
        {
            return false;
        }

        if (t.Text is "def" or "func" or "fn" or "function")
        {
            return true;
        }

        if (t.Kind == TokenKind.Keyword && t.Text is "if" or "while" or "for" or "switch" or "return" or "else" or "catch" or "elif" or "match")
        {
            return false;
        }

        // C, C++, C#, Java: `int max(int[] a) {` (the brace may be on the next line).
        var line = Tokens.Skip(i).TakeWhile(x => x.Line == t.Line).ToList();
        var paren = line.FindIndex(x => x.Text == "(");
        var next = i + line.Count < Tokens.Count ? Tokens[i + line.Count] : null;
        return paren > 0 && line[paren - 1].Kind == TokenKind.Identifier && paren >= 2 && line[paren - 2].Kind is TokenKind.Identifier or TokenKind.Keyword
            && (line[^1].Text == "{" || (line[^1].Text == ")" && next?.Text == "{"));
    }
}
