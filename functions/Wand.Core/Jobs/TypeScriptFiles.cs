namespace Wand.Jobs;

/// <summary>
/// TypeScript's file endings. A TypeScript project is a JavaScript job (node runs it through the
/// project's own tools), whose .ts files the search reads with TypeScript's words and whose
/// declaration files (.d.ts: types, nothing runs) a fix never changes.
/// </summary>
public static class TypeScriptFiles
{
    public static IReadOnlyList<string> Extensions { get; } = [".ts", ".mts", ".cts", ".tsx"];

    public static bool Is(string path) => Extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    public static bool IsDeclaration(string path) => Extensions.Any(e => path.EndsWith(".d" + e, StringComparison.OrdinalIgnoreCase));
}
