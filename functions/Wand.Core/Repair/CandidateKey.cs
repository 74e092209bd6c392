using System.Security.Cryptography;
using System.Text;
using Wand.Jobs;

namespace Wand.Repair;

/// <summary>
/// The identity of a candidate for deduplication: a hash of its files with line endings,
/// trailing whitespace and trailing blank lines normalized, so two replies that differ only in
/// formatting noise are run once.
/// </summary>
public static class CandidateKey
{
    public static string Of(IEnumerable<JobFile> files)
    {
        var text = new StringBuilder();
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            text.Append(file.Path).Append('\0').Append(Normalize(Encoding.UTF8.GetString(file.Content))).Append('\0');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Normalize(string content) => string.Join('\n',
        content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).TrimEnd('\n');
}
