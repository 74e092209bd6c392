namespace Wand.Jobs;

/// <summary>
/// The one check of a job's <c>editable</c> (and <c>setupFiles</c>) globs, whichever way they came in (<c>.wand.yml</c>,
/// the body of <c>POST /api/repairs</c>, a batch line), so the same glob gets the same answer
/// everywhere. A glob names files inside the job: relative, forward slashes, no <c>..</c>; and
/// there are few and short enough that matching every file against them stays cheap.
/// </summary>
public static class EditableGlobs
{
    public const int MaxGlobs = 100;

    public const int MaxLength = 255;

    /// <summary>What is wrong with <paramref name="globs"/> (naming the glob by <paramref name="key"/> and its index), or null when they can be used.</summary>
    public static string? Problem(IReadOnlyList<string?> globs, string key = "editable")
    {
        if (globs.Count > MaxGlobs)
        {
            return $"{key} has {globs.Count} globs; the limit is {MaxGlobs}";
        }

        for (var i = 0; i < globs.Count; i++)
        {
            if (Problem(globs[i], $"{key}[{i}]") is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? Problem(string? glob, string name)
    {
        if (glob is null)
        {
            return $"{name} is null";
        }

        if (glob.Length == 0 || glob.Length > MaxLength)
        {
            return $"{name} is {glob.Length} characters long; a glob has 1 to {MaxLength}";
        }

        if (glob.Any(char.IsControl))
        {
            return $"{name} {InvalidJobException.Quote(glob)} contains control characters";
        }

        // A path that leaves the job, or one no job path can ever match (job paths are relative, with forward slashes).
        var segments = glob.Split('/');
        return glob.StartsWith('/') || glob.Contains('\\', StringComparison.Ordinal) || (glob.Length > 1 && glob[1] == ':') || segments.Any(s => s is "" or "." or "..")
            ? $"{name} {InvalidJobException.Quote(glob)} must be a relative path inside the job, with forward slashes (no leading /, no . or .. and no empty segments)"
            : null;
    }
}
