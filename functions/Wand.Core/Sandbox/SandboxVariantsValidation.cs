using Wand.Jobs;

namespace Wand.Sandbox;

/// <summary>
/// Checks a run before any container exists: the job as <see cref="Job.Validate"/>
/// checks it, and every variant as the job it becomes (paths, sizes, file counts), so a bad
/// variant is refused with its index instead of failing inside the sandbox.
/// </summary>
internal static class SandboxVariantsValidation
{
    /// <summary>What one run may send besides its job (sent once): every variant's files.</summary>
    public const long MaxVariantsBytes = 64_000_000;

    public static void Validate(SandboxVariants run, JobFolderLimits limits)
    {
        (run.Job with { Timeout = run.VariantTimeout }).Validate(limits);
        if (run.TestTimeLimit is { } test && (test <= TimeSpan.Zero || test > run.VariantTimeout))
        {
            throw new InvalidJobException($"the run's limit per test is {test.TotalSeconds:0.###} s; it must be above 0 and at most the variants' {run.VariantTimeout.TotalSeconds:0.###} s");
        }

        if (run.Variants.Count > SandboxVariants.MaxVariants)
        {
            throw new InvalidJobException($"the run has {run.Variants.Count} variants; the limit is {SandboxVariants.MaxVariants}");
        }

        // What the job holds is worked out once: a variant costs its own files, however large the job.
        var baseFiles = run.Job.Files.ToDictionary(f => f.Path, f => f.Content.LongLength, StringComparer.Ordinal);
        var job = new BaseLayout(baseFiles, Job.FoldersOf(baseFiles.Keys), baseFiles.Values.Sum());
        long variantsTotal = 0;
        for (var i = 0; i < run.Variants.Count; i++)
        {
            variantsTotal += ValidateVariant(i, run.Variants[i], job, limits, run.Job.Root);
            if (variantsTotal > MaxVariantsBytes)
            {
                throw new InvalidJobException($"the run's variants hold more than {MaxVariantsBytes:N0} bytes (at variant {i})");
            }
        }
    }

    /// <summary>The job's files (by path, with their sizes), its folders and its size.</summary>
    private sealed record BaseLayout(Dictionary<string, long> Files, HashSet<string> Folders, long Total);

    /// <returns>The bytes the variant adds to the run.</returns>
    private static long ValidateVariant(int index, SandboxVariant variant, BaseLayout job, JobFolderLimits limits, string? root)
    {
        var baseFiles = job.Files;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long added = 0;
        var total = job.Total;
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
        }

        var count = baseFiles.Count + seen.Count(p => !baseFiles.ContainsKey(p));
        if (count > limits.MaxFiles)
        {
            throw new InvalidJobException($"variant {index} has {count} files; the limit is {limits.MaxFiles}");
        }

        if (total > limits.MaxTotalBytes)
        {
            throw new InvalidJobException($"variant {index}'s files hold {total:N0} bytes; the limit is {limits.MaxTotalBytes:N0}");
        }

        ValidateLayout(index, variant, seen, job);
        ValidateTests(index, variant, seen, job, root);
        return added;
    }

    // Selected tests are files the variant has, named from the folder the test command runs in,
    // one a line in WAND_TESTS: a path that could split a line or leave that folder is refused.
    private static void ValidateTests(int index, SandboxVariant variant, HashSet<string> paths, BaseLayout job, string? root)
    {
        if (variant.Tests is not { } tests)
        {
            return;
        }

        if (tests.Count == 0)
        {
            throw new InvalidJobException($"variant {index} selects no tests (null runs the whole suite)");
        }

        foreach (var test in tests)
        {
            // A test file, or one of its tests by pytest's node id (file::name).
            var file = test.Split("::")[0];
            var inJob = root is null ? file : $"{root}/{file}";
            if (test.Any(char.IsControl) || !(job.Files.ContainsKey(inJob) || paths.Contains(inJob)))
            {
                throw new InvalidJobException($"variant {index}: selected test '{test}' is not a file of the job{(root is null ? "" : $"'s root '{root}'")}");
            }
        }
    }

    // A path that is a file in one place and a folder in another cannot be laid out at all. The
    // job's own layout was checked with the job; only the variant's files can break it.
    private static void ValidateLayout(int index, SandboxVariant variant, HashSet<string> paths, BaseLayout job)
    {
        var folders = Job.FoldersOf(paths);
        foreach (var file in variant.Files.Where(f => job.Folders.Contains(f.Path) || folders.Contains(f.Path)))
        {
            throw new InvalidJobException($"variant {index}: file '{file.Path}' is also a folder of the job");
        }

        foreach (var folder in folders.Where(f => job.Files.ContainsKey(f) || paths.Contains(f)))
        {
            throw new InvalidJobException($"variant {index}: '{folder}' is both a file and a folder");
        }
    }
}
