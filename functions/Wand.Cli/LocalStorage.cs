using Microsoft.Extensions.Configuration;
using Wand.Storage;

namespace Wand.Cli;

/// <summary>No storage was configured and there is no Azurite to start in its place.</summary>
public sealed class AzuriteNotFoundException()
    : InvalidOperationException("no storage is configured and Azurite was not found: run eng/setup.sh, or set Wand:Storage:ConnectionString");

/// <summary>
/// Storage for the commands that run the pipeline here (`wand repair`, `wand serve`): the
/// configured account, or, when none is, an Azurite of the command's own for as long as it runs.
/// </summary>
public static class LocalStorage
{
    /// <summary>
    /// Starts an Azurite and points <paramref name="configuration"/> at it when no storage is
    /// configured; null when one is. Throws <see cref="AzuriteNotFoundException"/> when Azurite is needed but missing.
    /// </summary>
    /// <param name="keepData">
    /// Keep the data in <see cref="StorageOptions.EffectiveAzuriteData"/> (`wand serve`, whose
    /// accepted work must outlive it), not in a temporary folder removed at the end.
    /// </param>
    public static async Task<AzuriteProcess?> StartUnlessConfiguredAsync(IConfiguration configuration, bool keepData, CancellationToken cancellationToken)
    {
        var options = StorageOptions.From(configuration);
        if (options.IsConfigured)
        {
            return null;
        }

        var executable = AzuriteLocator.Find(options.AzuritePath) ?? throw new AzuriteNotFoundException();
        var folder = keepData ? options.EffectiveAzuriteData : null;
        if (folder is not null)
        {
            await AzuriteDataClaim.ClaimAsync(folder, cancellationToken);
        }

        var azurite = await AzuriteProcess.StartAsync(executable, folder, cancellationToken: cancellationToken);
        if (folder is not null)
        {
            await AzuriteDataClaim.RecordAsync(folder, azurite.ProcessId, cancellationToken);
        }

        configuration[$"{StorageOptions.SectionName}:ConnectionString"] = azurite.ConnectionString;
        return azurite;
    }
}
