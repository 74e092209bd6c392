using System.Security.Cryptography;
using System.Text;

namespace Wand.Sandbox;

/// <summary>
/// The content hash of an image folder, exactly as sandbox-images/build.sh computes it:
/// <c>find . -type f | sort | xargs sha256sum | sha256sum</c>. Both sides must agree, or the
/// doctor would call every image stale.
/// </summary>
public static class FolderHash
{
    public static string Compute(IEnumerable<(string RelativePath, byte[] Content)> files)
    {
        var listing = new StringBuilder();
        foreach (var (path, content) in files
            .Select(f => (Path: "./" + f.RelativePath.Replace('\\', '/'), f.Content))
            .OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            listing.Append(Convert.ToHexStringLower(SHA256.HashData(content)))
                .Append("  ").Append(path).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(listing.ToString())));
    }

    /// <summary>Hashes a folder on disk (used by tests to compare with the embedded copy).</summary>
    public static string ComputeForDirectory(string directory) => Compute(
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(directory, f), File.ReadAllBytes(f))));
}
