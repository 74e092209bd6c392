using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Wand.Storage;

/// <summary>The clients of the configured account: by connection string, or by endpoint and Entra ID.</summary>
public static class StorageClients
{
    public static BlobServiceClient CreateBlobServiceClient(StorageOptions options, BlobClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new BlobServiceClient(options.ConnectionString, clientOptions);
        }

        return options.BlobServiceUri is { } uri
            ? new BlobServiceClient(uri, Credential(options), clientOptions)
            : throw NotConfigured("BlobServiceUri");
    }

    public static QueueServiceClient CreateQueueServiceClient(StorageOptions options, QueueClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new QueueServiceClient(options.ConnectionString, clientOptions);
        }

        return options.QueueServiceUri is { } uri
            ? new QueueServiceClient(uri, Credential(options), clientOptions)
            : throw NotConfigured("QueueServiceUri");
    }

    /// <summary>
    /// The <paramref name="service"/> ("blob", "queue") endpoint an identity-based
    /// <c>AzureWebJobsStorage</c> section names: its <c>{service}ServiceUri</c>, else the
    /// public-cloud endpoint of its <c>accountName</c>; null for neither.
    /// </summary>
    public static Uri? ServiceUriOf(IConfigurationSection section, string service)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (Uri.TryCreate(section[$"{service}ServiceUri"], UriKind.Absolute, out var uri))
        {
            return uri;
        }

        var account = section["accountName"];
        return string.IsNullOrWhiteSpace(account) ? null : new Uri($"https://{account}.{service}.core.windows.net");
    }

    private static DefaultAzureCredential Credential(StorageOptions options)
    {
        // Left alone, the option keeps its own default (AZURE_CLIENT_ID).
        var credentialOptions = new DefaultAzureCredentialOptions();
        if (!string.IsNullOrWhiteSpace(options.ManagedIdentityClientId))
        {
            credentialOptions.ManagedIdentityClientId = options.ManagedIdentityClientId;
        }

        return new DefaultAzureCredential(credentialOptions);
    }

    private static InvalidOperationException NotConfigured(string endpointSetting) => new(
        $"no storage is configured: set {StorageOptions.SectionName}:ConnectionString (or AzureWebJobsStorage), or {StorageOptions.SectionName}:{endpointSetting} (or AzureWebJobsStorage__accountName) for a managed identity");
}
