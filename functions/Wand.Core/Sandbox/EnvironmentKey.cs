using System.Security.Cryptography;
using System.Text;
using Wand.Jobs;

namespace Wand.Sandbox;

/// <summary>
/// The name of an environment: a SHA-256 over everything that can change what the setup makes
/// (the base image's id, the setup script, the commands, and each file the setup reads, by path
/// and content), so equal inputs share one image and any change gets a new one.
/// </summary>
public static class EnvironmentKey
{
    public static string Of(string baseImageId, string setupScript, IReadOnlyList<string> commands, IReadOnlyList<JobFile> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Each part is length-prefixed, so no two different inputs read as the same bytes.
        void Add(ReadOnlySpan<byte> bytes)
        {
            Span<byte> length = stackalloc byte[8];
            BitConverter.TryWriteBytes(length, (long)bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }

        Add("wand-environment-v1"u8);
        Add(Encoding.UTF8.GetBytes(baseImageId));
        Add(Encoding.UTF8.GetBytes(setupScript));
        Add(BitConverter.GetBytes(commands.Count));
        foreach (var command in commands)
        {
            Add(Encoding.UTF8.GetBytes(command));
        }

        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            Add(Encoding.UTF8.GetBytes(file.Path));
            Add(ContentHash.Of(file.Content));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
