using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wand.Infra;

/// <summary>
/// A sandbox host builds its images from the repository's sandbox-images/, which cloud-init
/// writes onto it: every file, verbatim and with its mode, or the images would not carry the
/// content hash the app expects. Read from infra/app/sandbox-pool.bicep compiled to ARM JSON.
/// </summary>
public sealed class CloudInitTests
{
    // Azure refuses custom data over 64 KB (its base64 form).
    private const int CustomDataLimit = 65_535;

    [Fact]
    public async Task ImageFiles_SandboxPool_AreEverySandboxImageFileVerbatimWithItsMode()
    {
        var files = await ImageFilesAsync();
        var folder = Path.Combine(RepositoryRoot.Path, "sandbox-images");
        var onDisk = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(onDisk, files.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.All(files, f =>
        {
            var path = Path.Combine(folder, f.Path);
            Assert.True(File.ReadAllText(path) == f.Content, $"{f.Path} differs from sandbox-images/{f.Path}");
            // The hosts are Linux, and so is every checkout this test runs in (it needs the linux-x64 bicep).
            var executable = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
            Assert.Equal(executable ? "0755" : "0644", f.Permissions);
        });
    }

    [Fact]
    public async Task CustomData_SandboxPool_FitsAzuresLimit()
    {
        var files = await ImageFilesAsync();
        var setup = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "infra", "sandbox-host", "setup-host.sh"));

        // The cloud-config as the deployment renders it (JSON, with the vault's URI and ids filled in).
        var cloudConfig = new JsonObject
        {
            ["package_update"] = true,
            ["packages"] = new JsonArray("docker.io", "curl", "jq", "ca-certificates"),
            ["write_files"] = new JsonArray([.. files.Select(f => new JsonObject { ["path"] = $"/opt/wand/sandbox-images/{f.Path}", ["permissions"] = f.Permissions, ["content"] = f.Content }),
                new JsonObject { ["path"] = "/opt/wand/setup-host.sh", ["permissions"] = "0755", ["content"] = setup }]),
            ["runcmd"] = new JsonArray(new JsonArray("/opt/wand/setup-host.sh", "https://kv-pool-abcdefghijklm.vault.azure.net/", "https://vault.azure.net", Guid.Empty.ToString())),
        };
        var customData = Convert.ToBase64String(Encoding.UTF8.GetBytes("#cloud-config\n" + cloudConfig.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));

        Assert.True(customData.Length < CustomDataLimit, $"custom data is {customData.Length} characters");
    }

    private sealed record ImageFile(string Path, string Permissions, string Content);

    /// <summary>The imageFiles variable, with each loadTextContent resolved to the text bicep inlined.</summary>
    private static async Task<IReadOnlyList<ImageFile>> ImageFilesAsync()
    {
        var template = await InfraTemplates.CompileAsync(Path.Combine("app", "sandbox-pool.bicep"));
        var variables = template["variables"]!.AsObject();
        return variables["imageFiles"]!.AsArray().Select(f => new ImageFile(
            (string)f!["path"]!,
            (string)f["permissions"]!,
            Resolve(variables, (string)f["content"]!))).ToList();
    }

    // bicep puts each loaded file in a variable of its own and refers to it as [variables('$fxv#N')].
    private static string Resolve(JsonObject variables, string value) =>
        value.StartsWith("[variables('", StringComparison.Ordinal) && value.EndsWith("')]", StringComparison.Ordinal)
            ? (string)variables[value["[variables('".Length..^"')]".Length]]!
            : value;
}
