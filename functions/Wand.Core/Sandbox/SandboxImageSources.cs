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
        var assembly = typeof(SandboxImageSources).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var target = Path.Combine(folder, name[ResourcePrefix.Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using (var source = assembly.GetManifestResourceStream(name)!)
            using (var file = File.Create(target))
            {
                source.CopyTo(file);
            }

            // Resources keep no file modes: a script (it starts with #!) is made executable, as in the repository.
            if (!OperatingSystem.IsWindows() && StartsWithShebang(target))
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(target) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
        }

        var build = Path.Combine(folder, "build.sh");
        return File.Exists(build) ? build : throw new InvalidOperationException($"this build of Wand carries no {ResourcePrefix}build.sh");
    }

    private static bool StartsWithShebang(string path)
    {
        Span<byte> head = stackalloc byte[2];
        using var file = File.OpenRead(path);
        return file.Read(head) == 2 && head[0] == '#' && head[1] == '!';
    }
}
