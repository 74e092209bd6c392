using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Wand.Jobs;

namespace Wand.Repair;

/// <summary>
/// The identity of a candidate for deduplication: a hash of its files with line endings,
/// trailing whitespace and trailing blank lines normalized, so two replies that differ only in
/// formatting noise are run once. Each file's own hash is kept with its content (candidates of a
/// job share the contents they did not change), so a candidate of a repository of thousands of
/// files costs the hashing of the files it changed, not of the whole repository.
/// </summary>
public static class CandidateKey
{
    private static readonly ConditionalWeakTable<byte[], byte[]> FileHashes = [];

    public static string Of(IEnumerable<JobFile> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file.Path));
            hash.AppendData([0]);
            hash.AppendData(FileHashes.GetValue(file.Content, Normalized));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static byte[] Normalized(byte[] content) => SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
        Encoding.UTF8.GetString(content).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).TrimEnd('\n')));
}
