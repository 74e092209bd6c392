using System.Diagnostics;
using System.Reflection;

namespace Wand.Infra;

/// <summary>What one run of the bicep CLI printed, and how it ended.</summary>
public sealed record BicepRun(int ExitCode, string Output, string Errors);

/// <summary>
/// The bicep binary of the Azure.Bicep.CommandLine.linux-x64 package, which restore brings into
/// the NuGet cache (its path is baked into this assembly by Wand.Tests.csproj): no download, no az.
/// </summary>
public static class BicepCli
{
    public static string Path { get; } = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepPath").Value
        ?? throw new InvalidOperationException("Wand.Tests was built without the BicepPath metadata");

    public static async Task<BicepRun> RunAsync(params string[] arguments)
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"no bicep binary at {Path}: run `dotnet restore tests/Wand.Tests` (package Azure.Bicep.CommandLine.linux-x64)");
        }

        // Some NuGet clients extract files without their execute bit.
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(Path) & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(Path, File.GetUnixFileMode(Path) | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing here may reach the network; the CLI's telemetry would try.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new BicepRun(process.ExitCode, await output, await errors);
    }
}
