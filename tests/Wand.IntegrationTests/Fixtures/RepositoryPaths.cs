namespace Wand.Fixtures;

/// <summary>Finds files of this repository from a test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples(string name) => Path.Combine(Root, "samples", name);

    /// <summary>
    /// The built `wand`, in its own output folder (built as a reference of this project, in the
    /// same configuration): run from there it loads exactly the dependencies it was built with.
    /// </summary>
    public static string WandDll { get; } = Path.Combine(
        Root, "functions", "Wand.Cli", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "wand.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Serverless.sln above {AppContext.BaseDirectory}: tests must run from a clone of the repository.");
    }
}
