using Wand.SourceCode;

namespace Wand.Trust;

/// <summary>
/// One line of source as the gaming check reads it: its code with strings blanked and comments
/// gone, its string literals, the literals worth comparing with the tests, and whether it compares.
/// </summary>
internal sealed record CodeLine(int Number, string Text, string Code, IReadOnlyList<string> Strings, IReadOnlyList<string> Literals, bool Compares)
{
    /// <summary>What makes two lines the same line: the code and its strings, spacing aside.</summary>
    public string Key => Code + "\u0001" + string.Join("\u0001", Strings);
}

/// <summary>Splits a source file into <see cref="CodeLine"/>s with the search's tokenizer.</summary>
internal static partial class CodeLines
{
    /// <summary>Words of a line that asserts something, in the test frameworks Wand runs.</summary>
    public static readonly string[] AssertionWords = ["assert", "expect", "equal", "should", "want", "fatal", "error", "check"];

    private static readonly HashSet<string> Comparisons = new(StringComparer.Ordinal)
    {
        "==", "!=", "===", "!==", "is", "in", "case", "switch", "match", "when", "equals", "Equals", "contains", "includes", "startsWith", "endsWith", "has",
    };

    private static readonly HashSet<string> TrivialNumbers = new(StringComparer.Ordinal) { "0", "1", "0.0", "1.0" };

    private static readonly HashSet<string> RunSeparators = new(StringComparer.Ordinal) { ",", "[", "]", "(", ")", "{", "}", ":", "-" };

    public static IReadOnlyList<CodeLine> Of(string text, SourceDialect dialect)
    {
        var source = text.Split('\n');

        // Java reads \uXXXX escapes anywhere in the source, before anything else.
        var code = dialect == SourceDialect.Java
            ? JavaUnicodeEscape().Replace(text, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString())
            : text;
        return
        [
            .. SourceTokenizer.Tokenize(code, dialect)
                .Where(t => t.Kind != TokenKind.Comment)
                .GroupBy(t => t.Line)
                .Select(g => Line(g.Key, source[Math.Min(g.Key, source.Length) - 1].Trim(), [.. g])),
        ];
    }

    private static CodeLine Line(int number, string text, List<SourceToken> tokens)
    {
        var compares = tokens.Any(t => Comparisons.Contains(t.Text) && t.Kind != TokenKind.Text);
        return new CodeLine(number, text, Code(tokens), Strings(tokens), Literals(tokens), compares);
    }

    /// <summary>The tokens with strings blanked, and a space only between two words: a dot or a paren is always next to what it joins.</summary>
    private static string Code(List<SourceToken> tokens)
    {
        var code = new System.Text.StringBuilder();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i > 0 && IsWord(tokens[i - 1]) && IsWord(tokens[i]))
            {
                code.Append(' ');
            }

            code.Append(tokens[i].Kind == TokenKind.Text ? "\"\"" : tokens[i].Text);
        }

        return code.ToString();
    }

    /// <summary>Each string literal, and each run of them joined by '+' or written side by side, joined ("/pr" + "oc/" is "/proc/").</summary>
    private static List<string> Strings(List<SourceToken> tokens)
    {
        var strings = new List<string>();
        var joined = new System.Text.StringBuilder();
        var parts = 0;
        foreach (var token in tokens.Append(new SourceToken(TokenKind.Punctuation, ";", 0, 0)))
        {
            if (token.Kind == TokenKind.Text)
            {
                strings.Add(Unquote(token.Text));
                joined.Append(Unquote(token.Text));
                parts++;
            }
            else if (!(token.Text == "+" && parts > 0))
            {
                if (parts > 1)
                {
                    strings.Add(joined.ToString());
                }

                joined.Clear();
                parts = 0;
            }
        }

        return strings;
    }

    private static bool IsWord(SourceToken token) => token.Kind is TokenKind.Identifier or TokenKind.Keyword or TokenKind.Number;

    /// <summary>
    /// The literals a test could hold, as <see cref="TestGamingCheck.Compact"/> writes them: each
    /// number but 0 and 1, each string (quotes and all), and each run of two or more literals (a
    /// list, a call's arguments).
    /// </summary>
    private static List<string> Literals(List<SourceToken> tokens)
    {
        var literals = new List<string>();
        var run = new List<SourceToken>();
        foreach (var token in tokens.Append(new SourceToken(TokenKind.Identifier, "", 0, 0)))
        {
            if (IsLiteral(token) || (run.Count > 0 && RunSeparators.Contains(token.Text)))
            {
                run.Add(token);
                if (IsLiteral(token) && !TrivialNumbers.Contains(token.Text))
                {
                    literals.Add(TestGamingCheck.Compact(token.Kind == TokenKind.Text ? $"\"{Unquote(token.Text)}\"" : token.Text));
                }

                continue;
            }

            var trimmed = run.SkipWhile(t => !IsLiteral(t)).Reverse().SkipWhile(t => !IsLiteral(t)).Reverse().ToList();
            if (trimmed.Count(IsLiteral) >= 2)
            {
                literals.Add(TestGamingCheck.Compact(string.Concat(trimmed.Select(t => t.Text))));
            }

            run.Clear();
        }

        return literals;
    }

    private static bool IsLiteral(SourceToken token) => token.Kind is TokenKind.Number or TokenKind.Text;

    [System.Text.RegularExpressions.GeneratedRegex(@"\\u+([0-9a-fA-F]{4})")]
    private static partial System.Text.RegularExpressions.Regex JavaUnicodeEscape();

    /// <summary>A string literal's content: prefixes (r, b, f, @, $) and quotes off.</summary>
    private static string Unquote(string literal)
    {
        var start = 0;
        while (start < literal.Length && char.IsLetter(literal[start]) || (start < literal.Length && literal[start] is '@' or '$'))
        {
            start++;
        }

        var body = literal[start..];
        var quote = body.StartsWith("\"\"\"", StringComparison.Ordinal) || body.StartsWith("'''", StringComparison.Ordinal) ? 3 : body.Length >= 2 ? 1 : 0;
        return body.Length >= 2 * quote ? body[quote..^quote] : body;
    }
}
