using System.Diagnostics;

namespace Wand.Sandbox;

/// <summary>
/// build.sh (bash) and SandboxImageCatalog (C#) must compute the same hash, or `wand doctor`
/// would call fresh images stale. These tests hold the two to each other.
/// </summary>
public sealed class FolderHashTests
{
    public static TheoryData<string> Languages => new(SandboxImageCatalog.Languages);

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task ExpectedHash_EqualsWhatBuildShComputesForTheFolder(string language)
    {
        var folder = Path.Combine(RepositoryRoot.Path, "sandbox-images", language);

        var bash = await BashFolderHashAsync(folder);

        Assert.Equal(bash, SandboxImageCatalog.ExpectedHash(language));
        Assert.Equal(bash, FolderHash.ComputeForDirectory(folder));
    }

    [Fact]
    public void Compute_DependsOnPathsAndContents()
    {
        var a = FolderHash.Compute([("Dockerfile", "FROM x"u8.ToArray())]);
        var renamed = FolderHash.Compute([("Dockerfile2", "FROM x"u8.ToArray())]);
        var edited = FolderHash.Compute([("Dockerfile", "FROM y"u8.ToArray())]);

        Assert.Equal(64, a.Length);
        Assert.NotEqual(a, renamed);
        Assert.NotEqual(a, edited);
    }

    [Fact]
    public void ExpectedHash_UnknownLanguage_Throws() =>
        Assert.Throws<ArgumentException>(() => SandboxImageCatalog.ExpectedHash("cobol"));

    private static async Task<string> BashFolderHashAsync(string folder)
    {
        // The function as build.sh defines it, extracted from the script itself.
        var script = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "sandbox-images", "build.sh"));
        var start = script.IndexOf("folder_hash() {", StringComparison.Ordinal);
        var function = script[start..(script.IndexOf("\n}\n", start, StringComparison.Ordinal) + 3)];
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"{function}\nfolder_hash \"$1\"");
        info.ArgumentList.Add("bash");
        info.ArgumentList.Add(folder);
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output.Trim();
    }
}
