using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wand.Sandbox;

namespace Wand.Cli;

/// <summary>
/// `wand images build [LANGUAGE...]`: the sandbox images this wand expects, built from the image
/// folders it carries (no clone of the repository needed), under the configured image prefix.
/// Quick when they are up to date: build.sh rebuilds only an image whose folder's hash changed.
/// </summary>
public sealed class ImagesCommand(IServiceProvider services, TextWriter stdout, TextWriter stderr)
{
    public async Task<int> BuildAsync(IReadOnlyList<string> languages, CancellationToken cancellationToken)
    {
        if (languages.FirstOrDefault(l => !SandboxImageCatalog.Languages.Contains(l)) is { } unknown)
        {
            throw new UsageException($"unknown language '{unknown}'; known: {string.Join(", ", SandboxImageCatalog.Languages)}");
        }

        var folder = Directory.CreateTempSubdirectory("wand-images-");
        try
        {
            var prefix = services.GetRequiredService<IOptions<SandboxOptions>>().Value.ImagePrefix;
            var exit = await RunBuildAsync(SandboxImageSources.WriteTo(folder.FullName), prefix, languages, cancellationToken);
            if (exit != 0)
            {
                await stderr.WriteLineAsync($"wand: building the sandbox images failed (build.sh exit {exit}); see its output above");
                return ExitCodes.Environment;
            }

            var built = languages.Count > 0 ? languages : SandboxImageCatalog.Languages;
            var catalog = new SandboxImageCatalog(prefix);
            await stdout.WriteLineAsync($"wand images: up to date: {string.Join(", ", built.Select(catalog.ImageName))}");
            return ExitCodes.Success;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private async Task<int> RunBuildAsync(string buildScript, string prefix, IReadOnlyList<string> languages, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(buildScript);
        foreach (var language in languages)
        {
            start.ArgumentList.Add(language);
        }

        start.Environment["WAND_IMAGE_PREFIX"] = prefix;
        using var build = Process.Start(start) ?? throw new InvalidOperationException("bash could not be started");
        // A stop ends the build too: nothing half-built is left running.
        await using var stop = cancellationToken.Register(() => build.Kill(entireProcessTree: true));
        await Task.WhenAll(CopyLinesAsync(build.StandardOutput, stdout), CopyLinesAsync(build.StandardError, stderr));
        await build.WaitForExitAsync(CancellationToken.None);
        return build.ExitCode;
    }

    private static async Task CopyLinesAsync(StreamReader from, TextWriter to)
    {
        while (await from.ReadLineAsync() is { } line)
        {
            await to.WriteLineAsync(line);
        }
    }
}
