using Wand.Jobs;

namespace Wand.SourceCode;

/// <summary>
/// What the tokenizer must know about a language to never cut through a string or a comment:
/// Python's quotes and <c>#</c> comments, or the C family's (with Go's and JavaScript's
/// backtick strings, C#'s verbatim strings and Rust's lifetimes).
/// </summary>
public sealed record SourceDialect(string Name, bool IsPython, bool BacktickStrings, bool VerbatimStrings, bool Lifetimes, IReadOnlySet<string> Keywords)
{
    public static SourceDialect Python { get; } = new("python", true, false, false, false, Set(
        "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield"));

    private const string JavaScriptWords =
        "break case catch class const continue debugger default delete do else export extends false finally for function if import in instanceof let new null of return static super switch this throw true try typeof undefined var void while with yield async await require module exports";

    public static SourceDialect JavaScript { get; } = new("javascript", false, true, false, false, Set(JavaScriptWords));

    /// <summary>
    /// JavaScript's (its name too: the tokenizer and the templates read TypeScript as JavaScript),
    /// with TypeScript's type names and modifiers, which are names in JavaScript (a variable may be called <c>type</c>).
    /// </summary>
    public static SourceDialect TypeScript { get; } = JavaScript with
    {
        Keywords = Set(JavaScriptWords + " any unknown never number string boolean bigint symbol object readonly type interface enum implements private protected public abstract declare namespace keyof infer as is satisfies override"),
    };

    public static SourceDialect Go { get; } = new("go", false, true, false, false, Set(
        "break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var true false nil "
        + "bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string uint uint8 uint16 uint32 uint64 uintptr"));

    public static SourceDialect Rust { get; } = new("rust", false, false, false, true, Set(
        "as break const continue crate else enum extern false fn for if impl in let loop match mod move mut pub ref return self Self static struct super trait true type unsafe use where while "
        + "bool char f32 f64 i8 i16 i32 i64 i128 isize str u8 u16 u32 u64 u128 usize String Vec Option Some None Ok Err Result"));

    public static SourceDialect CSharp { get; } = new("csharp", false, false, true, false, Set(
        "abstract as base bool break byte case catch char checked class const continue decimal default delegate do double else enum event explicit extern false finally fixed float for foreach goto if implicit in int interface internal is lock long namespace new null object operator out override params private protected public readonly ref return sbyte sealed short sizeof static string struct switch this throw true try typeof uint ulong unchecked unsafe ushort using var virtual void volatile while"));

    public static SourceDialect Java { get; } = new("java", false, false, false, false, Set(
        "abstract assert boolean break byte case catch char class const continue default do double else enum extends final finally float for if implements import instanceof int interface long native new null package private protected public return short static super switch synchronized this throw throws transient true false try var void volatile while"));

    public static SourceDialect Cpp { get; } = new("cpp", false, false, false, false, Set(
        "auto bool break case catch char class const constexpr continue default delete do double else enum explicit extern false float for friend if inline int long namespace new nullptr operator private protected public return short signed sizeof static struct switch template this throw true try typedef typename union unsigned using virtual void volatile while size_t std"));

    /// <summary>The dialect of a language's sources.</summary>
    public static SourceDialect For(LanguageProfile language) => language.Name switch
    {
        "python" => Python,
        "javascript" => JavaScript,
        "go" => Go,
        "rust" => Rust,
        "csharp" => CSharp,
        "java" => Java,
        _ => Cpp,
    };

    /// <summary>The dialect of one of the language's files: a TypeScript file of a JavaScript job is TypeScript.</summary>
    public SourceDialect Of(string path) => ReferenceEquals(this, JavaScript) && TypeScriptFiles.Is(path) ? TypeScript : this;

    private static HashSet<string> Set(string words) => [.. words.Split(' ')];
}
