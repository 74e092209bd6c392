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

    /// <summary>
    /// The account's blob endpoint (<c>https://account.blob.core.windows.net</c>), reached with
    /// Entra ID (managed identity on Azure) instead of a connection string. Falls back to the
    /// Functions host's <c>AzureWebJobsStorage__blobServiceUri</c> or <c>AzureWebJobsStorage__accountName</c>.
    /// A connection string, when one is set, wins.
    /// </summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>
    /// The account's queue endpoint, for the batch queue, reached like <see cref="BlobServiceUri"/>.
    /// Falls back to <c>AzureWebJobsStorage__queueServiceUri</c> or <c>AzureWebJobsStorage__accountName</c>.
    /// </summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>
    /// The client id of the user-assigned managed identity to reach <see cref="BlobServiceUri"/>
    /// with; falls back to <c>AzureWebJobsStorage__clientId</c>. Unset: the credential chain's default.
    /// </summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>The azurite executable; found in eng/node_modules or on PATH when unset.</summary>
    public string? AzuritePath { get; set; }
}
