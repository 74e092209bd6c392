using Wand.Generation.Search;

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
internal static class CodeLines
{
    /// <summary>Words of a line that asserts something, in the test frameworks Wand runs.</summary>
    public static readonly string[] AssertionWords = ["assert", "expect", "equal", "should", "want", "fatal", "error", "check"];

    private static readonly HashSet<string> Comparisons = new(StringComparer.Ordinal)
    {
        "==", "!=", "===", "!==", "is", "in", "case", "switch", "match", "when", "equals", "Equals", "contains", "includes", "startsWith", "endsWith", "has",
    };

    private static readonly HashSet<string> RunSeparators = new(StringComparer.Ordinal) { ",", "[", "]", "(", ")", "{", "}", ":", "-" };

    public static IReadOnlyList<CodeLine> Of(string text, SourceDialect dialect)
    {
        var source = text.Split('\n');
        return
        [
            .. SourceTokenizer.Tokenize(text, dialect)
                .Where(t => t.Kind != TokenKind.Comment)
                .GroupBy(t => t.Line)
                .Select(g => Line(g.Key, source[Math.Min(g.Key, source.Length) - 1].Trim(), [.. g])),
        ];
    }

    private static CodeLine Line(int number, string text, List<SourceToken> tokens)
    {
        var code = string.Join(' ', tokens.Select(t => t.Kind == TokenKind.Text ? "\"\"" : t.Text));
        var strings = tokens.Where(t => t.Kind == TokenKind.Text).Select(t => Unquote(t.Text)).ToList();
        var compares = tokens.Any(t => Comparisons.Contains(t.Text) && t.Kind != TokenKind.Text);
        return new CodeLine(number, text, code, strings, Literals(tokens), compares);
    }

    /// <summary>
    /// Literals long enough to be a test's own value (a number of two characters or more, a string
    /// of three or more), and runs of two or more literals (a list, a call's arguments), compact,
    /// as <see cref="TestGamingCheck.Compact"/> writes them.
    /// </summary>
    private static List<string> Literals(List<SourceToken> tokens)
    {
        var literals = new List<string>();
        var run = new List<SourceToken>();
        foreach (var token in tokens.Append(new SourceToken(TokenKind.Identifier, "", 0, 0)))
        {
            if (token.Kind is TokenKind.Number or TokenKind.Text || (run.Count > 0 && RunSeparators.Contains(token.Text)))
            {
                run.Add(token);
                var value = token.Kind == TokenKind.Text ? Unquote(token.Text) : token.Text;
                if ((token.Kind == TokenKind.Number && value.Length >= 2) || (token.Kind == TokenKind.Text && value.Length >= 3))
                {
                    literals.Add(TestGamingCheck.Compact(value));
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
