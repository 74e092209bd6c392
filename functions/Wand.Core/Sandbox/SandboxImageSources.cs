namespace Wand.Sandbox;

/// <summary>
/// The sandbox-images folder as this assembly carries it (build.sh, the base image's bootstrap,
/// a folder per language), written out so the images can be built where there is no clone of
/// the repository: <c>wand images build</c> from an installed tool.
/// </summary>
public static class SandboxImageSources
{
    private const string ResourcePrefix = "sandbox-images/";

    /// <summary>Writes the folder under <paramref name="folder"/> and returns the path of its build.sh.</summary>
    public static string WriteTo(string folder)
    {
        foreach (var (path, content) in Files())
        {
            var target = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, content);
            // Resources keep no file modes: a script (it starts with #!) is made executable, as in the repository.
            if (!OperatingSystem.IsWindows() && content is [(byte)'#', (byte)'!', ..])
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(target) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
        }

        var build = Path.Combine(folder, "build.sh");
        return File.Exists(build) ? build : throw new InvalidOperationException($"this build of Wand carries no {ResourcePrefix}build.sh");
    }

    /// <summary>Every file of the folder, by its path inside it (forward slashes).</summary>
    internal static IEnumerable<(string Path, byte[] Content)> Files()
    {
        var assembly = typeof(SandboxImageSources).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            yield return (name[ResourcePrefix.Length..], copy.ToArray());
        }
    }
}
