using Wand.SourceCode;

namespace Wand.Search;

/// <summary>
/// How a language writes what the fix templates add: a test against null, and/or/not, a min/max
/// bound, and a sequence without its first or last element. Null where the language has no such form
/// the templates can write without types (Rust has no null; C++ slices need the type).
/// </summary>
internal sealed record TemplateSyntax(
    string? Null, string And, string Or, Func<string, string> Not, Func<string, string, string, string> Bound, IReadOnlyList<Func<string, string>> Slices)
{
    public static TemplateSyntax For(SourceDialect dialect) => dialect.Name switch
    {
        "python" => new("None", "and", "or", x => $"not {x}", (f, e, b) => $"{f}({e}, {b})", [x => $"{x}[1:]", x => $"{x}[:-1]"]),
        "javascript" => new("null", "&&", "||", x => $"!{x}", (f, e, b) => $"Math.{f}({e}, {b})", [x => $"{x}.slice(1)", x => $"{x}.slice(0, -1)"]),
        "java" => new("null", "&&", "||", x => $"!{x}", (f, e, b) => $"Math.{f}({e}, {b})", [x => $"{x}.substring(1)", x => $"{x}.subList(1, {x}.size())"]),
        "csharp" => new("null", "&&", "||", x => $"!{x}", (f, e, b) => $"Math.{char.ToUpperInvariant(f[0])}{f[1..]}({e}, {b})", [x => $"{x}[1..]", x => $"{x}[..^1]"]),
        "go" => new("nil", "&&", "||", x => $"!{x}", (f, e, b) => $"{f}({e}, {b})", [x => $"{x}[1:]", x => $"{x}[:len({x})-1]"]),
        "rust" => new(null, "&&", "||", x => $"!{x}", (f, e, b) => $"({e}).{f}({b})", [x => $"&{x}[1..]", x => $"&{x}[..{x}.len() - 1]"]),
        _ => new("nullptr", "&&", "||", x => $"!{x}", (f, e, b) => $"std::{f}({e}, {b})", []),
    };

    public bool IsPython => And == "and";

    /// <summary>Go writes a sum inside an argument list without spaces (<c>width-used</c>), as gofmt does.</summary>
    public bool TightArguments => Null == "nil";

    /// <summary><c>x is not None</c>, <c>x != null</c>.</summary>
    public string NotNull(string x) => IsPython ? $"{x} is not None" : $"{x} != {Null}";

    /// <summary><c>x is None</c>, <c>x == null</c>.</summary>
    public string IsNull(string x) => IsPython ? $"{x} is None" : $"{x} == {Null}";
}
