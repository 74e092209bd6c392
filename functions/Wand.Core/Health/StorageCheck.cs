using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Wand.Storage;

namespace Wand.Health;

/// <summary>
/// Can Wand store artifacts? With a configured account, it answers; without one, the local
/// Azurite that `wand` would start is installed and starts.
/// </summary>
public sealed class StorageCheck(IOptions<StorageOptions> options) : IHealthCheck
{
    public string Name => "storage";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var value = options.Value;
        if (!string.IsNullOrWhiteSpace(value.ConnectionString))
        {
            return [await CheckAccountAsync(value, "the configured storage account", cancellationToken)];
        }

        if (value.BlobServiceUri is not null)
        {
            return [await CheckAccountAsync(value, "the configured storage account (Entra ID)", cancellationToken)];
        }

        var azurite = AzuriteLocator.Find(value.AzuritePath);
        if (azurite is null)
        {
            return [new CheckResult(Name, CheckStatus.Failed,
                value.AzuritePath is null ? "no storage configured and Azurite is not installed" : $"Azurite not found at {value.AzuritePath}",
                "run eng/setup.sh (installs Azurite into eng/node_modules), or set Wand:Storage:ConnectionString")];
        }

        await using var process = await AzuriteProcess.StartAsync(azurite, cancellationToken: cancellationToken);
        var result = await CheckAccountAsync(new StorageOptions { ConnectionString = process.ConnectionString }, $"Azurite ({azurite})", cancellationToken);
        return [result.Status == CheckStatus.Ok ? result with { Detail = $"Azurite starts and answers ({azurite})" } : result];
    }

    private async Task<CheckResult> CheckAccountAsync(StorageOptions account, string what, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            var client = StorageClients.CreateBlobServiceClient(account, new BlobClientOptions { Retry = { MaxRetries = 1 } });
            await client.GetPropertiesAsync(timeout.Token);
            return new CheckResult(Name, CheckStatus.Ok, $"{what} answers at {client.Uri}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new CheckResult(Name, CheckStatus.Failed, $"{what} does not answer: {ex.GetBaseException().Message}",
                "check Wand:Storage:ConnectionString or BlobServiceUri (or AzureWebJobsStorage), the identity's data role, and that the account is reachable");
        }
    }
}
