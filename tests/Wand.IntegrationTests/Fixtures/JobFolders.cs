namespace Wand.Fixtures;

/// <summary>Throwaway job folders: a copy of a sample, changed as a test needs.</summary>
public sealed class JobFolders : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("wand-jobs-");

    /// <summary>A copy of samples/<paramref name="sample"/>, with <paramref name="files"/> added or replaced.</summary>
    public string CopyOfSample(string sample, IReadOnlyDictionary<string, string>? files = null)
    {
        var target = Path.Combine(_root.FullName, $"{sample}-{Guid.NewGuid():N}");
        var source = Path.Combine(RepositoryPaths.Root, "samples", sample);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        foreach (var (path, content) in files ?? new Dictionary<string, string>())
        {
            File.WriteAllText(Path.Combine(target, path), content);
        }

        return target;
    }

    /// <summary>A new job folder of exactly <paramref name="files"/>.</summary>
    public string Of(IReadOnlyDictionary<string, string> files)
    {
        var target = Path.Combine(_root.FullName, $"job-{Guid.NewGuid():N}");
        Directory.CreateDirectory(target);
        foreach (var (path, content) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, path))!);
            File.WriteAllText(Path.Combine(target, path), content);
        }

        return target;
    }

    public void Dispose() => _root.Delete(recursive: true);
}
