namespace Wand.SourceCode;

public enum TokenKind
{
    Identifier,
    Keyword,
    Number,
    Text,
    Comment,
    Operator,
    Punctuation,
}

/// <summary>One token of a source file: where it starts (character offset and 1-based line) and its text.</summary>
public sealed record SourceToken(TokenKind Kind, string Text, int Offset, int Line)
{
    public int End => Offset + Text.Length;

    public bool Is(string text) => Kind is TokenKind.Operator or TokenKind.Punctuation or TokenKind.Keyword && Text == text;
}
