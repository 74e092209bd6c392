using System.Diagnostics;
using Wand.Fixtures;

namespace Wand.Cli;

/// <summary>`wand` as a .NET tool: packed, installed from a folder, and run away from the repository.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class WandToolTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("wand-tool-");

    [Fact]
    public async Task PackedTool_Installs_AndBuildsItsSandboxImagesWithoutTheRepository()
    {
        var feed = Path.Combine(_folder.FullName, "feed");
        var tools = Path.Combine(_folder.FullName, "tools");
        await RunAsync("dotnet", RepositoryPaths.Root, "pack", "functions/Wand.Cli", "-c", "Release", "--no-build", "-o", feed);
        // Only the folder: no other feed may answer for the package's id.
        var config = Path.Combine(_folder.FullName, "nuget.config");
        await File.WriteAllTextAsync(config, $"""<configuration><packageSources><clear /><add key="local" value="{feed}" /></packageSources></configuration>""");
        await RunAsync("dotnet", _folder.FullName, "tool", "install", "Wand.Cli", "--tool-path", tools, "--configfile", config);
        var wand = Path.Combine(tools, "wand");

        var version = await RunAsync(wand, _folder.FullName, "--version");
        var images = await RunAsync(wand, _folder.FullName, "images", "build", "python", "go");

        Assert.Matches(@"^\d+\.\d+\.\d+", version);
        Assert.Contains("wand images: up to date: wand-sandbox-python:latest, wand-sandbox-go:latest", images, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagesBuild_AnUnknownLanguage_ExitsTwoNamingIt()
    {
        var result = await WandProcess.RunAsync(new Dictionary<string, string?>(), "images", "build", "cobol");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown language 'cobol'; known: python, node, dotnet, java, cpp, go, rust", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static async Task<string> RunAsync(string program, string folder, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        // The installed tool's apphost finds the runtime the tests run on.
        start.Environment["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(patience.Token);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)}: exit {process.ExitCode}\n{await stdout}\n{await stderr}");
        return await stdout;
    }
}
