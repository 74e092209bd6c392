namespace Wand.Sandbox;

/// <summary>
/// The sandbox images Wand expects: one per language, built from sandbox-images/&lt;language&gt;.
/// The folders are embedded in this assembly (<see cref="SandboxImageSources"/>), so any host (the CLI, or the Functions app far
/// from the repository) knows the content hash each image must carry to be current.
/// </summary>
public sealed class SandboxImageCatalog
{
    /// <summary>The label build.sh stamps on each image with its folder's hash.</summary>
    public const string ContentHashLabel = "dev.wand.content-hash";

    /// <summary>The label build.sh stamps on each image with its language's name.</summary>
    public const string LanguageLabel = "dev.wand.language";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> EmbeddedHashes = new(ComputeEmbeddedHashes);

    private readonly string _imagePrefix;

    public SandboxImageCatalog(string imagePrefix = "wand-sandbox-") => _imagePrefix = imagePrefix;

    /// <summary>Every language with an image, in the order the README lists them.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["python", "node", "dotnet", "java", "cpp", "go", "rust"];

    public string ImageName(string language) => $"{_imagePrefix}{language}:latest";

    /// <summary>The hash an up-to-date image of <paramref name="language"/> carries in its label.</summary>
    public static string ExpectedHash(string language) =>
        EmbeddedHashes.Value.TryGetValue(language, out var hash)
            ? hash
            : throw new ArgumentException($"No sandbox image folder for language '{language}'.", nameof(language));

    // Each language's folder (its files, not build.sh beside them), hashed as build.sh hashes it.
    private static Dictionary<string, string> ComputeEmbeddedHashes() =>
        SandboxImageSources.Files()
            .Where(f => f.Path.Contains('/', StringComparison.Ordinal))
            .GroupBy(f => f.Path[..f.Path.IndexOf('/', StringComparison.Ordinal)], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => FolderHash.Compute(g.Select(f => (f.Path[(g.Key.Length + 1)..], f.Content))), StringComparer.Ordinal);
}
