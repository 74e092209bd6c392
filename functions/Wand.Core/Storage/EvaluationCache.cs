using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Wand.Jobs;
using Wand.Sandbox;

namespace Wand.Storage;

/// <summary>
/// Results of sandbox runs by what determined them: the image (its content hash), the job's
/// environment and resources, the test command, the time limit and every file. The same
/// candidate is never run twice.
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
            text.Append("file ").Append(file.Path).Append(' ').Append(ContentHash.HexOf(file.Content)).Append('\n');
        }

        // The same files in another environment (other setup commands, another base, other limits) are another run.
        if (job.Environment is { } environment)
        {
            text.Append("environment ").Append(environment.Image).Append('\n');
            foreach (var line in environment.Setup.Select(c => $"setup {c}").Concat((environment.SetupFiles ?? ["(defaults)"]).Select(g => $"setupFiles {g}")))
            {
                text.Append(line.ReplaceLineEndings(" ")).Append('\n');
            }
        }

        if (job.Root is { } root)
        {
            text.Append("root ").Append(root).Append('\n');
        }

        if (job.Resources is { } resources)
        {
            text.Append(CultureInfo.InvariantCulture, $"resources {resources.MemoryMegabytes} {resources.Cpus}\n");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public Task<SandboxResult?> TryGetAsync(string key, CancellationToken cancellationToken) =>
        store.GetJsonAsync<SandboxResult>(Name(key), cancellationToken);

    public Task<BlobRef> PutAsync(string key, SandboxResult result, CancellationToken cancellationToken) =>
        store.PutJsonAsync(Name(key), result, cancellationToken);

    private static string Name(string key) => $"cache/evaluations/{key[..2]}/{key}.json";
}
