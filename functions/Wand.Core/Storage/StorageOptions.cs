namespace Wand.Storage;

/// <summary>Where artifacts live. Bound from <c>Wand:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Wand:Storage";

    /// <summary>
    /// An Azure Storage connection string. Falls back to <c>AzureWebJobsStorage</c> (the
    /// Functions host's own account). When neither is set, `wand` starts its own Azurite.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The azurite executable; found in eng/node_modules or on PATH when unset.</summary>
    public string? AzuritePath { get; set; }
}
