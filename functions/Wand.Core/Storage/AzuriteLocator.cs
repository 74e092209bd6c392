namespace Wand.Storage;

/// <summary>
/// Finds the Azurite that eng/setup.sh installs into the repository's local tools folder
/// (eng/node_modules), or one on PATH.
/// </summary>
public static class AzuriteLocator
{
    private static readonly string ToolsRelativePath = Path.Combine("eng", "node_modules", ".bin", "azurite");

    public static string? Find(string? configuredPath)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            return File.Exists(configuredPath) ? Path.GetFullPath(configuredPath) : null;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, ToolsRelativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(p => Path.Combine(p, "azurite"))
            .FirstOrDefault(File.Exists);
    }
}
