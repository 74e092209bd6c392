namespace Wand.Jobs;

/// <summary>
/// Which of a job's files a repair may change: the <c>editable</c> globs when the job has them,
/// otherwise every source file that is not a test (of the job's <c>root</c>, when it names one). Tests are never the generator's to change,
/// so a candidate cannot pass by weakening them.
/// </summary>
public static class EditableFiles
{
    public static IReadOnlySet<string> Of(Job job)
    {
        var sources = job.Files.Select(f => f.Path)
            .Where(p => job.Language.SourceExtensions.Contains(Path.GetExtension(p), StringComparer.OrdinalIgnoreCase) && !IsToolingFile(p))
            .Where(p => job.Root is null || p.StartsWith(job.Root + "/", StringComparison.Ordinal));
        var chosen = job.Editable.Count > 0
            ? job.Files.Select(f => f.Path).Where(p => job.Editable.Any(g => Glob.IsMatch(g, p)))
            : sources.Where(p => !LooksLikeTest(p));
        return chosen.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Why a job has no file a repair may change (when <see cref="Of"/> is empty), and what to do about it.</summary>
    public static string NoneReason(Job job) => job.Editable.Count > 0
        ? $"no file of the job matches its editable globs ({string.Join(", ", job.Editable)})"
        : $"the job has no {job.Language.Name} source file ({string.Join(" ", job.Language.SourceExtensions)}) outside its tests{(job.Root is null ? "" : $" under {job.Root}/")}: name the files a fix may change under editable: in {JobSettings.FileName}";

    // Source that is not the program: TypeScript's declaration files (types, nothing runs) and tools'
    // configuration (vitest.config.ts, jest.config.js), which decides which tests run. A fix there
    // is never the fix, and may be a way round the tests.
    private static bool IsToolingFile(string path)
    {
        var name = Path.GetFileName(path);
        return name.Contains(".config.", StringComparison.OrdinalIgnoreCase) || TypeScriptFiles.IsDeclaration(name);
    }

    /// <summary>Test files by the naming conventions of the supported runners.</summary>
    public static bool LooksLikeTest(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var segments = path.Split('/');
        return name.StartsWith("test_", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("_test", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".test", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".spec", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("Test", StringComparison.Ordinal)
            || name.EndsWith("Tests", StringComparison.Ordinal)
            || segments[..^1].Any(s => s is "test" or "tests" or "__tests__");
    }
}
