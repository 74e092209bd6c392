using System.Text.Json.Nodes;

namespace Wand.Infra;

/// <summary>
/// infra/'s templates, compiled once per test run by the bicep CLI into ARM JSON, and the
/// resources in them (modules are nested deployments, so resources are found at any depth).
/// </summary>
public static class InfraTemplates
{
    private static readonly Dictionary<string, Task<JsonObject>> Compiled = [];

    public static string Folder { get; } = System.IO.Path.Combine(RepositoryRoot.Path, "infra");

    /// <summary>Every .bicep file under infra/, relative to it.</summary>
    public static IEnumerable<string> BicepFiles() =>
        Directory.EnumerateFiles(Folder, "*.bicep", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(Folder, f))
            .Order(StringComparer.Ordinal);

    public static Task<JsonObject> CompileAsync(string relativePath)
    {
        lock (Compiled)
        {
            if (!Compiled.TryGetValue(relativePath, out var template))
            {
                template = CompileNowAsync(relativePath);
                Compiled[relativePath] = template;
            }

            return template;
        }
    }

    /// <summary>Resources of <paramref name="type"/> anywhere in <paramref name="template"/>.</summary>
    public static IReadOnlyList<JsonObject> Resources(JsonNode template, string type) =>
        AllResources(template).Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase)).ToList();

    public static IEnumerable<JsonObject> AllResources(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"] is JsonValue type && type.TryGetValue<string>(out _) && obj["apiVersion"] is JsonValue)
                {
                    yield return obj;
                }

                foreach (var (_, child) in obj)
                {
                    foreach (var resource in AllResources(child))
                    {
                        yield return resource;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var resource in AllResources(item))
                    {
                        yield return resource;
                    }
                }

                break;
        }
    }

    private static async Task<JsonObject> CompileNowAsync(string relativePath)
    {
        var run = await BicepCli.RunAsync("build", System.IO.Path.Combine(Folder, relativePath), "--stdout");
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build {relativePath} failed ({run.ExitCode}):\n{run.Errors}");
        }

        return JsonNode.Parse(run.Output)?.AsObject() ?? throw new InvalidOperationException($"bicep build {relativePath} printed no template");
    }
}
