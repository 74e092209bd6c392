using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Wand.Jobs;

/// <summary>
/// The SHA-256 of a file's content, computed once per content: the candidates of a job share the
/// contents they did not change, so keying thousands of files costs hashing the few that differ.
/// Contents are never changed in place (a <see cref="JobFile"/> is replaced, not edited).
/// </summary>
public static class ContentHash
{
    private static readonly ConditionalWeakTable<byte[], byte[]> Hashes = [];

    public static byte[] Of(byte[] content) => Hashes.GetValue(content, SHA256.HashData);

    public static string HexOf(byte[] content) => Convert.ToHexStringLower(Of(content));
}
