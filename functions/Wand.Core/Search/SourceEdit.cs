namespace Wand.Search;

/// <summary>
/// One small change to one file: replace <paramref name="Length"/> characters at
/// <paramref name="Offset"/> with <paramref name="Replacement"/>. <paramref name="Prior"/> is how
/// likely this kind of change is to be a fix, before anything is known about where the defect is.
/// </summary>
/// <param name="Operator">The kind of change, e.g. "relational operator" (the report groups by it).</param>
public sealed record SourceEdit(string Path, int Line, int Offset, int Length, string Replacement, string Operator, double Prior)
{
    public string Apply(string text) => string.Concat(text.AsSpan(0, Offset), Replacement, text.AsSpan(Offset + Length));

    /// <summary>What the edit does to its line, for people: <c>line 8: "v &gt; best" → "v &gt;= best"</c>.</summary>
    public string Describe(string text)
    {
        var start = text.LastIndexOf('\n', Math.Max(0, Offset - 1)) + 1;
        if (Offset == 0)
        {
            start = 0;
        }

        var end = text.IndexOf('\n', Offset + Length);
        end = end < 0 ? text.Length : end;
        var before = text[start..end].Trim();
        var after = Apply(text)[start..(end - Length + Replacement.Length)].Trim();
        return $"{Operator} at {Path}:{Line}: `{before}` → `{(after.Length == 0 ? "(deleted)" : after)}`";
    }
}
