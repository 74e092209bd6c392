using Microsoft.Extensions.Configuration;

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

    /// <summary>
    /// Where `wand serve`'s own Azurite keeps its data, so that work a killed server had accepted
    /// is there for the next one. Unset: wand/azurite under <c>$XDG_DATA_HOME</c> (<c>~/.local/share</c>).
    /// `wand repair`'s Azurite keeps nothing past its run.
    /// </summary>
    public string? AzuriteData { get; set; }

    /// <summary><see cref="AzuriteData"/>, or its default.</summary>
    public string EffectiveAzuriteData => !string.IsNullOrWhiteSpace(AzuriteData) ? AzuriteData : Path.Combine(
        Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } data ? data : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share"),
        "wand", "azurite");

    /// <summary>An account is named, by connection string or by endpoint: no Azurite of `wand`'s own is needed.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString) || BlobServiceUri is not null;

    /// <summary><c>Wand:Storage</c> as <paramref name="configuration"/> gives it, with the Functions host's fallbacks, before any service exists.</summary>
    public static StorageOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(SectionName).Get<StorageOptions>() ?? new StorageOptions();
        options.FillFromFunctionsHost(configuration);
        return options;
    }

    /// <summary>
    /// Fills what <c>Wand:Storage</c> leaves unset from the Functions host's own settings:
    /// <c>AzureWebJobsStorage</c> (a connection string), or its identity-based form
    /// (<c>__accountName</c>, <c>__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__clientId</c>),
    /// which names the same account without a secret.
    /// </summary>
    public void FillFromFunctionsHost(IConfiguration configuration)
    {
        var host = configuration.GetSection("AzureWebJobsStorage");
        ConnectionString = FirstSet(ConnectionString, configuration["AzureWebJobsStorage"]);
        BlobServiceUri ??= StorageClients.ServiceUriOf(host, "blob");
        QueueServiceUri ??= StorageClients.ServiceUriOf(host, "queue");
        ManagedIdentityClientId = FirstSet(ManagedIdentityClientId, host["clientId"]);
    }

    private static string? FirstSet(string? value, string? fallback) =>
        !string.IsNullOrWhiteSpace(value) ? value : !string.IsNullOrWhiteSpace(fallback) ? fallback : null;
}
