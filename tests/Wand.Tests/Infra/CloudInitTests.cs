using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wand.Infra;

/// <summary>
/// A sandbox host builds its images from the repository's sandbox-images/, which cloud-init
/// writes onto it packed (infra/scripts/pack-sandbox-images.sh) and setup-host.sh unpacks: every
/// file, verbatim and with its mode, or the images would not carry the content hash the app
/// expects. Read from the script's output and infra/app/sandbox-pool.bicep compiled to ARM JSON.
/// </summary>
public sealed class CloudInitTests
{
    // Azure refuses custom data over 64 KB (its base64 form).
    private const int CustomDataLimit = 65_535;

    private static readonly string ImagesFolder = Path.Combine(RepositoryRoot.Path, "sandbox-images");

    [Fact]
    public async Task Archive_IsEverySandboxImageFileVerbatimWithItsMode()
    {
        var files = Unpack(await PackAsync());
        var onDisk = Directory.EnumerateFiles(ImagesFolder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(ImagesFolder, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(onDisk, files.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.All(files, f =>
        {
            var path = Path.Combine(ImagesFolder, f.Path);
            Assert.True(File.ReadAllBytes(path).AsSpan().SequenceEqual(f.Content), $"{f.Path} differs from sandbox-images/{f.Path}");
            // The hosts are Linux, and so is every checkout this test runs in (it needs the linux-x64 bicep).
            var executable = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
            Assert.Equal(executable, (f.Mode & UnixFileMode.UserExecute) != 0);
        });
    }

    [Fact]
    public async Task Archive_IsTheSameBytesEveryTime() => Assert.Equal(await PackAsync(), await PackAsync());

    [Fact]
    public async Task CloudConfig_WritesTheArchive_AndTheHostUnpacksItBeforeBuilding()
    {
        var template = await InfraTemplates.CompileAsync(Path.Combine("app", "sandbox-pool.bicep"));
        var writes = template["variables"]!["cloudConfig"]!["write_files"]!.AsArray();
        var setup = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "infra", "sandbox-host", "setup-host.sh"));

        var archive = Assert.Single(writes, w => (string?)w!["path"] == "/opt/wand/sandbox-images.tar.gz")!;
        Assert.Equal(("b64", "[parameters('imagesArchive')]"), ((string?)archive["encoding"], (string?)archive["content"]));
        var unpack = setup.IndexOf("tar -xzf /opt/wand/sandbox-images.tar.gz -C /opt/wand/sandbox-images", StringComparison.Ordinal);
        Assert.InRange(unpack, 0, setup.IndexOf("/opt/wand/sandbox-images/build.sh", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CustomData_SandboxPool_FitsAzuresLimit()
    {
        var setup = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "infra", "sandbox-host", "setup-host.sh"));

        // The cloud-config as the deployment renders it (JSON, with the vault's URI and ids filled in).
        var cloudConfig = new JsonObject
        {
            ["package_update"] = true,
            ["packages"] = new JsonArray("docker.io", "curl", "jq", "ca-certificates"),
            ["write_files"] = new JsonArray(
                new JsonObject { ["path"] = "/opt/wand/sandbox-images.tar.gz", ["permissions"] = "0644", ["encoding"] = "b64", ["content"] = await PackAsync() },
                new JsonObject { ["path"] = "/opt/wand/setup-host.sh", ["permissions"] = "0755", ["content"] = setup }),
            ["runcmd"] = new JsonArray(new JsonArray("/opt/wand/setup-host.sh", "https://kv-pool-abcdefghijklm.vault.azure.net/", "https://vault.azure.net", Guid.Empty.ToString())),
        };
        var customData = Convert.ToBase64String(Encoding.UTF8.GetBytes("#cloud-config\n" + cloudConfig.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));

        Assert.True(customData.Length < CustomDataLimit, $"custom data is {customData.Length} characters");
    }

    private sealed record ImageFile(string Path, UnixFileMode Mode, byte[] Content);

    /// <summary>What infra/scripts/pack-sandbox-images.sh prints: the base64 the deployment takes as imagesArchive.</summary>
    private static async Task<string> PackAsync()
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, "infra", "scripts", "pack-sandbox-images.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pack-sandbox-images.sh exited {process.ExitCode}: {errors}");
        return await output;
    }

    private static List<ImageFile> Unpack(string archive)
    {
        using var gzip = new GZipStream(new MemoryStream(Convert.FromBase64String(archive)), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        var files = new List<ImageFile>();
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
            {
                using var content = new MemoryStream();
                entry.DataStream?.CopyTo(content);
                files.Add(new ImageFile(entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name, entry.Mode, content.ToArray()));
            }
        }

        return files;
    }
}
