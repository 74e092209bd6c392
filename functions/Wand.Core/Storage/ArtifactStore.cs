using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Wand.Plumbing;

namespace Wand.Storage;

/// <summary>
/// Wand's blobs: every job's artifacts under <c>jobs/{jobId}/</c> (the job, each candidate,
/// its diff and logs, the report) and the evaluation cache under <c>cache/</c>, all in one
/// container. Writes are idempotent (same name, same content), as activities run at least once.
/// </summary>
public sealed class ArtifactStore(BlobServiceClient service, string containerName = ArtifactStore.DefaultContainer)
{
    public const string DefaultContainer = "wand";

    private readonly BlobContainerClient _container = service.GetBlobContainerClient(containerName);
    private int _created;

    public string ContainerName => containerName;

    public async Task<BlobRef> PutJsonAsync<T>(string name, T value, CancellationToken cancellationToken) =>
        await PutAsync(name, BinaryData.FromObjectAsJson(value, WandJson.Options), "application/json", cancellationToken);

    public async Task<BlobRef> PutTextAsync(string name, string text, string contentType, CancellationToken cancellationToken) =>
        await PutAsync(name, BinaryData.FromString(text), contentType + "; charset=utf-8", cancellationToken);

    /// <summary>
    /// Writes <paramref name="text"/> as <paramref name="name"/> only if no such blob exists, in one
    /// step the storage service decides: of two callers at once, exactly one gets true.
    /// </summary>
    public async Task<bool> TryCreateTextAsync(string name, string text, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        try
        {
            await _container.GetBlobClient(name).UploadAsync(BinaryData.FromString(text), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain; charset=utf-8" },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        return (await _container.GetBlobClient(name).ExistsAsync(cancellationToken)).Value;
    }

    /// <summary>The blob's text, or null when there is none.</summary>
    public async Task<string?> GetTextAsync(string name, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        try
        {
            var content = await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The names of the blobs under <paramref name="prefix"/>.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        var names = new List<string>();
        await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            names.Add(item.Name);
        }

        return names;
    }

    /// <summary>Deletes the blobs under <paramref name="prefix"/> (only those last changed before <paramref name="changedBefore"/>, when given); returns how many.</summary>
    public async Task<int> DeleteAsync(string prefix, DateTimeOffset? changedBefore, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        var deleted = 0;
        await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            if (changedBefore is null || item.Properties.LastModified < changedBefore)
            {
                var gone = await _container.DeleteBlobIfExistsAsync(item.Name, cancellationToken: cancellationToken);
                deleted += gone.Value ? 1 : 0;
            }
        }

        return deleted;
    }

    /// <summary>The blob as <typeparamref name="T"/>, or default when there is none.</summary>
    public async Task<T?> GetJsonAsync<T>(string name, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        try
        {
            var content = await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<T>(WandJson.Options);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return default;
        }
        catch (JsonException)
        {
            // A blob cut short or written by another version: treat as absent, it will be rewritten.
            return default;
        }
    }

    private async Task<BlobRef> PutAsync(string name, BinaryData data, string contentType, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        await _container.GetBlobClient(name).UploadAsync(data, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);
        return new BlobRef(_container.Name, name);
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            Volatile.Write(ref _created, 1);
        }
    }
}
