namespace Wand.SourceCode;

public sealed class SourceTokenizerTests
{
    private static List<string> Texts(string code, SourceDialect dialect) =>
        [.. SourceTokenizer.Tokenize(code, dialect).Where(t => t.Kind is TokenKind.Text or TokenKind.Comment).Select(t => t.Text)];

    [Fact]
    public void Tokenize_Python_KeepsStringsAndCommentsWhole()
    {
        var code = "x = f\"a < {b}\" + r'\\d+' # i < n\ns = '''one\n' two'''\n";

        Assert.Equal(["f\"a < {b}\"", "r'\\d+'", "# i < n", "'''one\n' two'''"], Texts(code, SourceDialect.Python));
    }

    [Fact]
    public void Tokenize_Python_CountsLinesInsideTripleQuotes()
    {
        var tokens = SourceTokenizer.Tokenize("s = '''a\nb'''\nif x:\n", SourceDialect.Python);

        Assert.Equal(3, tokens.Single(t => t.Text == "if").Line);
        Assert.Equal(TokenKind.Keyword, tokens.Single(t => t.Text == "if").Kind);
    }

    [Theory]
    [InlineData("go", "s := `a \\` + \"b\\\"c\" // x < y", new[] { "`a \\`", "\"b\\\"c\"", "// x < y" })]
    [InlineData("javascript", "const s = `a ${b} < c` /* < */;", new[] { "`a ${b} < c`", "/* < */" })]
    [InlineData("csharp", "var s = @\"C:\\x\"\"y\"; // <", new[] { "@\"C:\\x\"\"y\"", "// <" })]
    [InlineData("rust", "fn f<'a>(s: &'a str) -> char { 'x' }", new[] { "'x'" })]
    [InlineData("cpp", "auto s = R\"(a \" < b)\"; char c = '<';", new[] { "R\"(a \" < b)\"", "'<'" })]
    public void Tokenize_CFamily_KeepsStringsAndCommentsWhole(string language, string code, string[] expected)
    {
        var dialect = SourceDialect.For(Jobs.LanguageProfile.Find(language)!);

        Assert.Equal(expected, Texts(code, dialect));
    }

    [Fact]
    public void Tokenize_Operators_LongestFirst()
    {
        var ops = SourceTokenizer.Tokenize("a >>= b; c !== d && e <= f", SourceDialect.JavaScript).Where(t => t.Kind == TokenKind.Operator).Select(t => t.Text);

        Assert.Equal([">>=", "!==", "&&", "<="], ops);
    }

    [Fact]
    public void Tokenize_RustRange_IsNotANumber()
    {
        var texts = SourceTokenizer.Tokenize("for i in 0..n {", SourceDialect.Rust).Select(t => t.Text);

        Assert.Equal(["for", "in", "0", "..", "n", "{"], texts.Where(t => t != "i"));
    }
}
