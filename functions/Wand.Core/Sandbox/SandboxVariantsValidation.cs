using Wand.Jobs;

namespace Wand.Sandbox;

/// <summary>
/// Checks a run before any container exists: the job as <see cref="Job.Validate"/>
/// checks it, and every variant as the job it becomes (paths, sizes, file counts), so a bad
/// variant is refused with its index instead of failing inside the sandbox.
/// </summary>
internal static class SandboxVariantsValidation
{
    /// <summary>What one run may send in all (the job once plus every variant's files).</summary>
    public const long MaxRunBytes = 64_000_000;

    public static void Validate(SandboxVariants run, JobFolderLimits limits)
    {
        (run.Job with { Timeout = run.VariantTimeout }).Validate(limits);
        if (run.Variants.Count > SandboxVariants.MaxVariants)
        {
            throw new InvalidJobException($"the run has {run.Variants.Count} variants; the limit is {SandboxVariants.MaxVariants}");
        }

        var baseFiles = run.Job.Files.ToDictionary(f => f.Path, f => f.Content.LongLength, StringComparer.Ordinal);
        var baseTotal = baseFiles.Values.Sum();
        var runTotal = baseTotal;
        for (var i = 0; i < run.Variants.Count; i++)
        {
            runTotal += ValidateVariant(i, run.Variants[i], baseFiles, baseTotal, limits);
            if (runTotal > MaxRunBytes)
            {
                throw new InvalidJobException($"the run holds more than {MaxRunBytes:N0} bytes (at variant {i})");
            }
        }
    }

    /// <returns>The bytes the variant adds to the run.</returns>
    private static long ValidateVariant(int index, SandboxVariant variant, Dictionary<string, long> baseFiles, long baseTotal, JobFolderLimits limits)
    {
        var paths = new HashSet<string>(baseFiles.Keys, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long added = 0;
        var total = baseTotal;
        foreach (var file in variant.Files)
        {
            try
            {
                Job.ValidatePath(file.Path);
            }
            catch (InvalidJobException ex)
            {
                throw new InvalidJobException($"variant {index}: {ex.Message}");
            }

            if (!seen.Add(file.Path))
            {
                throw new InvalidJobException($"variant {index}: file '{file.Path}' appears twice");
            }

            if (file.Content.LongLength > limits.MaxFileBytes)
            {
                throw new InvalidJobException($"variant {index}: file '{file.Path}' is {file.Content.LongLength:N0} bytes; the limit is {limits.MaxFileBytes:N0}");
            }

            total += file.Content.LongLength - baseFiles.GetValueOrDefault(file.Path);
            added += file.Content.LongLength;
            paths.Add(file.Path);
        }

        if (paths.Count > limits.MaxFiles)
        {
            throw new InvalidJobException($"variant {index} has {paths.Count} files; the limit is {limits.MaxFiles}");
        }

        if (total > limits.MaxTotalBytes)
        {
            throw new InvalidJobException($"variant {index}'s files hold {total:N0} bytes; the limit is {limits.MaxTotalBytes:N0}");
        }

        ValidateLayout(index, variant, paths);
        return added;
    }

    // A path that is a file in one place and a folder in another cannot be laid out at all.
    private static void ValidateLayout(int index, SandboxVariant variant, HashSet<string> paths)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
            {
                folders.Add(path[..slash]);
            }
        }

        foreach (var file in variant.Files.Where(f => folders.Contains(f.Path)))
        {
            throw new InvalidJobException($"variant {index}: file '{file.Path}' is also a folder of the job");
        }

        foreach (var folder in folders.Where(paths.Contains))
        {
            throw new InvalidJobException($"variant {index}: '{folder}' is both a file and a folder");
        }
    }
}
