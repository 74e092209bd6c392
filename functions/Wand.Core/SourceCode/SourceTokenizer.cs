namespace Wand.SourceCode;

/// <summary>
/// Splits a source file into tokens, with strings and comments kept whole, so that an edit of
/// an operator, a number or a name can never land inside either. It is a lexer, not a parser:
/// what it cannot classify it passes on as an operator, and the edits built on it may still
/// not compile (the sandbox says so).
/// </summary>
public static class SourceTokenizer
{
    private static readonly string[] PythonOperators =
    [
        "**=", "//=", ">>=", "<<=", "**", "//", "==", "!=", "<=", ">=", "->", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>", ":=",
    ];

    private static readonly string[] CFamilyOperators =
    [
        ">>>=", "===", "!==", "<<=", ">>=", ">>>", "...", "..=", "::", "->", "=>", "&&", "||", "==", "!=", "<=", ">=", "++", "--",
        "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>", "??", "?.", ":=", "..",
    ];

    public static IReadOnlyList<SourceToken> Tokenize(string text, SourceDialect dialect)
    {
        var tokens = new List<SourceToken>();
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            var kind = Scan(text, ref i, dialect);
            var token = text[start..i];
            tokens.Add(new SourceToken(kind == TokenKind.Identifier && dialect.Keywords.Contains(token) ? TokenKind.Keyword : kind, token, start, line));
            line += token.Count(ch => ch == '\n');
        }

        return tokens;
    }

    private static TokenKind Scan(string text, ref int i, SourceDialect dialect)
    {
        var c = text[i];
        var next = i + 1 < text.Length ? text[i + 1] : '\0';
        if (dialect.IsPython ? c == '#' : c == '/' && next == '/')
        {
            i = LineEnd(text, i);
            return TokenKind.Comment;
        }

        if (!dialect.IsPython && c == '/' && next == '*')
        {
            var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
            i = end < 0 ? text.Length : end + 2;
            return TokenKind.Comment;
        }

        if (StringStart(text, i, dialect) is { } quoteAt)
        {
            i = StringEnd(text, i, quoteAt, dialect);
            return TokenKind.Text;
        }

        // A lifetime or loop label ('a, 'outer) is not a character literal, which StringStart took.
        if ((dialect.Lifetimes && c == '\'') || IsIdentifierStart(c, dialect))
        {
            i = IdentifierEnd(text, i + 1, dialect);
            return TokenKind.Identifier;
        }

        if (char.IsDigit(c) || (c == '.' && char.IsDigit(next)))
        {
            i = NumberEnd(text, i);
            return TokenKind.Number;
        }

        if (c is '(' or ')' or '[' or ']' or '{' or '}' or ',' or ';' or '.' && !(c == '.' && next == '.'))
        {
            i++;
            return TokenKind.Punctuation;
        }

        // The longest operator that starts here (the lists are longest first), or one character.
        i += OperatorLength(text, i, dialect);
        return TokenKind.Operator;
    }

    private static int IdentifierEnd(string text, int i, SourceDialect dialect)
    {
        while (i < text.Length && IsIdentifierPart(text[i], dialect))
        {
            i++;
        }

        return i;
    }

    private static int OperatorLength(string text, int at, SourceDialect dialect) =>
        (dialect.IsPython ? PythonOperators : CFamilyOperators).FirstOrDefault(op => string.CompareOrdinal(text, at, op, 0, op.Length) == 0)?.Length ?? 1;

    // A number: digits, letters (hex, suffixes), one dot (not a range's two), an exponent's sign.
    private static int NumberEnd(string text, int i)
    {
        var hex = text[i] == '0' && i + 1 < text.Length && text[i + 1] is 'x' or 'X';
        i++;
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'
            || (text[i] == '.' && (i + 1 >= text.Length || text[i + 1] != '.'))
            || (text[i] is '+' or '-' && text[i - 1] is 'e' or 'E' && !hex)))
        {
            i++;
        }

        return i;
    }

    /// <summary>Where the opening quote of a string starting at <paramref name="i"/> is (after any prefix), or null.</summary>
    private static int? StringStart(string text, int i, SourceDialect dialect)
    {
        var c = text[i];
        if (c == '"' || (c == '`' && dialect.BacktickStrings))
        {
            return i;
        }

        if (c == '\'')
        {
            // Rust: 'x' and '\n' are characters; 'a without a closing quote is a lifetime.
            if (dialect.Lifetimes)
            {
                var close = text.Length > i + 2 && text[i + 1] == '\\' ? text.IndexOf('\'', i + 2) : i + 2;
                return close < text.Length && close > i && text[close] == '\'' && close - i <= 10 ? i : null;
            }

            return i;
        }

        // Prefixes: Python r b f u (and pairs), C# @ and $, Rust and C++ raw strings (r"..", r#".."#, R"(..)").
        var j = i;
        while (j < text.Length && j - i < 3 && (dialect.IsPython ? "rRbBfFuU".Contains(text[j]) : dialect.VerbatimStrings ? "@$".Contains(text[j]) : dialect.Lifetimes ? "rb#".Contains(text[j]) : text[j] is 'R' or 'L' or 'u' or 'U' or '8'))
        {
            j++;
        }

        if (j == i || j >= text.Length || (i > 0 && IsIdentifierPart(text[i - 1], dialect)))
        {
            return null;
        }

        return text[j] == '"' || (dialect.IsPython && text[j] == '\'') ? j : null;
    }

    private static int StringEnd(string text, int start, int quoteAt, SourceDialect dialect)
    {
        var quote = text[quoteAt];
        var prefix = text[start..quoteAt];
        if (dialect.IsPython && string.CompareOrdinal(text, quoteAt, new string(quote, 3), 0, 3) == 0)
        {
            var end = quoteAt + 3;
            while (end < text.Length && string.CompareOrdinal(text, end, new string(quote, 3), 0, 3) != 0)
            {
                end += text[end] == '\\' ? 2 : 1;
            }

            return Math.Min(text.Length, end + 3);
        }

        if (prefix.Contains('r') && prefix.Contains('#') && dialect.Lifetimes)
        {
            var close = "\"" + new string('#', prefix.Count(ch => ch == '#'));
            var end = text.IndexOf(close, quoteAt + 1, StringComparison.Ordinal);
            return end < 0 ? text.Length : end + close.Length;
        }

        if (prefix.Contains('R') && !dialect.IsPython && text.IndexOf('(', quoteAt) is var paren and > 0)
        {
            var delimiter = text[(quoteAt + 1)..paren];
            var end = text.IndexOf(")" + delimiter + "\"", paren, StringComparison.Ordinal);
            return end < 0 ? text.Length : end + delimiter.Length + 2;
        }

        return QuotedEnd(text, quoteAt, prefix, dialect);
    }

    private static int QuotedEnd(string text, int quoteAt, string prefix, SourceDialect dialect)
    {
        var quote = text[quoteAt];
        // Escapes: a backslash takes the next character, except in strings that have none
        // (Go's backticks, C#'s verbatim strings, where "" is the quote).
        var escapes = !(quote == '`' && dialect.Name == "go") && !prefix.Contains('@');
        var i = quoteAt + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (escapes && c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == quote)
            {
                if (prefix.Contains('@') && i + 1 < text.Length && text[i + 1] == '"')
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            // A single-line string that never closes ends at the line (the file does not compile anyway).
            if (c == '\n' && quote != '`' && !prefix.Contains('@'))
            {
                return i;
            }

            i++;
        }

        return text.Length;
    }

    private static int LineEnd(string text, int i)
    {
        var end = text.IndexOf('\n', i);
        return end < 0 ? text.Length : end;
    }

    private static bool IsIdentifierStart(char c, SourceDialect dialect) => char.IsLetter(c) || c == '_' || (c == '$' && dialect.Name == "javascript");

    private static bool IsIdentifierPart(char c, SourceDialect dialect) => char.IsLetterOrDigit(c) || c == '_' || (c == '$' && dialect.Name == "javascript");
}
