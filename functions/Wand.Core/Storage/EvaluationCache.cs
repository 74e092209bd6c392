using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Wand.Jobs;
using Wand.Sandbox;

namespace Wand.Storage;

/// <summary>
/// Results of sandbox runs by what determined them: the image (its content hash), the test
/// command, the time limit and every file. The same candidate is never run twice.
/// </summary>
public sealed class EvaluationCache(ArtifactStore store)
{
    /// <summary>The cache key of running <paramref name="job"/> in an image built from <paramref name="imageHash"/>.</summary>
    public static string Key(Job job, string imageHash)
    {
        var text = new StringBuilder()
            .Append("image ").Append(imageHash).Append('\n')
            .Append("command ").Append(job.TestCommand).Append('\n')
            .Append("timeout ").Append(job.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var file in job.Files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            text.Append("file ").Append(file.Path).Append(' ').Append(Convert.ToHexStringLower(SHA256.HashData(file.Content))).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public Task<SandboxResult?> TryGetAsync(string key, CancellationToken cancellationToken) =>
        store.GetJsonAsync<SandboxResult>(Name(key), cancellationToken);

    public Task<BlobRef> PutAsync(string key, SandboxResult result, CancellationToken cancellationToken) =>
        store.PutJsonAsync(Name(key), result, cancellationToken);

    private static string Name(string key) => $"cache/evaluations/{key[..2]}/{key}.json";
}
