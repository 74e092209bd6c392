using System.Diagnostics;
using System.Globalization;

namespace Wand.Storage;

/// <summary>
/// One process's claim on a kept Azurite data folder (`wand serve`'s). Two Azurites writing one
/// folder corrupt it, and a `wand serve` killed with SIGKILL leaves its Azurite running: the
/// claim file names the owner and its Azurite, so the next owner stops an orphan and refuses a
/// folder a live process still uses.
/// </summary>
public static class AzuriteDataClaim
{
    private const string FileName = "wand-owner";

    /// <summary>Readies <paramref name="folder"/> for this process: stops an Azurite a dead owner left on it.</summary>
    /// <exception cref="AzuriteDataInUseException">A live process other than this one owns the folder.</exception>
    public static async Task ClaimAsync(string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, FileName);
        if (!File.Exists(file))
        {
            return;
        }

        var pids = (await File.ReadAllTextAsync(file, cancellationToken)).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.TryParse(p, CultureInfo.InvariantCulture, out var pid) ? pid : 0).ToArray();
        if (pids is [var owner, var azurite])
        {
            if (owner != Environment.ProcessId && IsAlive(owner, "wand"))
            {
                throw new AzuriteDataInUseException(
                    $"the Azurite data in {folder} is in use by process {owner}: give this one storage of its own (Wand:Storage:ConnectionString, or another Wand:Storage:AzuriteData), or point it at that one's Azurite");
            }

            if (IsAlive(azurite, folder))
            {
                await StopAsync(azurite, cancellationToken);
            }
        }
    }

    /// <summary>Records this process and its Azurite as the folder's owner.</summary>
    public static Task RecordAsync(string folder, int azuritePid, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(Path.Combine(folder, FileName), $"{Environment.ProcessId} {azuritePid}", cancellationToken);

    // Alive and still the process it was: its command line names what it was started for (pids are reused).
    private static bool IsAlive(int pid, string mark)
    {
        try
        {
            return pid > 0 && File.ReadAllText($"/proc/{pid}/cmdline").Contains(mark, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    // SIGTERM first, so Azurite saves its metadata; SIGKILL if it has not ended in 10 s.
    private static async Task StopAsync(int pid, CancellationToken cancellationToken)
    {
        using var process = Process.GetProcessById(pid);
        using (var term = Process.Start("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync(cancellationToken);
        }

        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch (TimeoutException)
        {
            process.Kill();
            await process.WaitForExitAsync(cancellationToken);
        }
    }
}

/// <summary>Another live process owns the Azurite data folder asked for.</summary>
public sealed class AzuriteDataInUseException(string message) : InvalidOperationException(message);
