using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace Wand.Storage;

/// <summary>The blob client of the configured account: by connection string, or by endpoint and Entra ID.</summary>
public static class StorageClients
{
    public static BlobServiceClient CreateBlobServiceClient(StorageOptions options, BlobClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new BlobServiceClient(options.ConnectionString, clientOptions);
        }

        if (options.BlobServiceUri is { } uri)
        {
            // Left alone, the option keeps its own default (AZURE_CLIENT_ID).
            var credentialOptions = new DefaultAzureCredentialOptions();
            if (!string.IsNullOrWhiteSpace(options.ManagedIdentityClientId))
            {
                credentialOptions.ManagedIdentityClientId = options.ManagedIdentityClientId;
            }

            return new BlobServiceClient(uri, new DefaultAzureCredential(credentialOptions), clientOptions);
        }

        throw new InvalidOperationException(
            $"no storage is configured: set {StorageOptions.SectionName}:ConnectionString (or AzureWebJobsStorage), or {StorageOptions.SectionName}:BlobServiceUri (or AzureWebJobsStorage__accountName) for a managed identity");
    }

    /// <summary>
    /// The blob endpoint an identity-based <c>AzureWebJobsStorage</c> section names: its
    /// <c>blobServiceUri</c>, else the public-cloud endpoint of its <c>accountName</c>; null for neither.
    /// </summary>
    public static Uri? BlobServiceUriOf(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (Uri.TryCreate(section["blobServiceUri"], UriKind.Absolute, out var uri))
        {
            return uri;
        }

        var account = section["accountName"];
        return string.IsNullOrWhiteSpace(account) ? null : new Uri($"https://{account}.blob.core.windows.net");
    }
}
