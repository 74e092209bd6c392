namespace Wand.Fixtures;

/// <summary>Finds files of this repository from a test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root => RepositoryRoot.Path;

    public static string Samples(string name) => Path.Combine(Root, "samples", name);

    /// <summary>
    /// The built `wand`, in its own output folder (built as a reference of this project, in the
    /// same configuration): run from there it loads exactly the dependencies it was built with.
    /// </summary>
    public static string WandDll { get; } = Path.Combine(
        Root, "functions", "Wand.Cli", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "wand.dll");
}
