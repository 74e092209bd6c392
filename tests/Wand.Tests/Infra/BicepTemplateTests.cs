using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wand.Infra;

/// <summary>Every template under infra/ builds and lints with no error and no warning.</summary>
public sealed class BicepTemplateTests
{
    [Fact]
    public void BicepFiles_Infra_HoldsMainAndItsModules()
    {
        var files = InfraTemplates.BicepFiles().ToList();

        Assert.Contains("main.bicep", files);
        Assert.Contains(Path.Combine("app", "sandbox-pool.bicep"), files);
        Assert.True(files.Count >= 9, string.Join(", ", files));
    }

    [Fact]
    public async Task Build_EveryTemplate_HasNoErrorsAndNoWarnings()
    {
        var output = Directory.CreateTempSubdirectory("wand-bicep-").FullName;
        try
        {
            // One process for every file: most of a bicep run is its own start-up.
            var run = await BicepCli.RunAsync("build", "--pattern", Path.Combine(InfraTemplates.Folder, "**", "*.bicep"), "--outdir", output);

            Assert.True(run.ExitCode == 0 && string.IsNullOrWhiteSpace(run.Errors), $"bicep build (exit {run.ExitCode}):\n{run.Errors}");
            Assert.All(InfraTemplates.BicepFiles(), f => Assert.True(File.Exists(Path.Combine(output, Path.ChangeExtension(f, ".json"))), $"{f} was not built"));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Lint_EveryTemplate_HasNoDiagnostics()
    {
        var run = await BicepCli.RunAsync("lint", "--pattern", Path.Combine(InfraTemplates.Folder, "**", "*.bicep"));

        Assert.True(run.ExitCode == 0 && string.IsNullOrWhiteSpace(run.Errors), $"bicep lint (exit {run.ExitCode}):\n{run.Errors}");
    }

    [Fact]
    public async Task Lint_TemplateWithAWarning_PrintsIt()
    {
        // The check above passes on silence; this shows that a warning does break the silence.
        var folder = Directory.CreateTempSubdirectory("wand-bicep-").FullName;
        try
        {
            var template = Path.Combine(folder, "warns.bicep");
            await File.WriteAllTextAsync(template, "var joined = concat('a', 'b')\noutput joined string = joined\n");

            var run = await BicepCli.RunAsync("lint", template);

            Assert.Contains("Warning prefer-interpolation", run.Errors, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Modules_EveryTemplate_AreLocalFilesNotRegistryModules()
    {
        // A registry module (br/public:..., br:..., ts:...) cannot be restored here, so it could never be built or linted by these tests.
        var references = InfraTemplates.BicepFiles()
            .SelectMany(f => File.ReadLines(Path.Combine(InfraTemplates.Folder, f)).Where(l => l.TrimStart().StartsWith("module ", StringComparison.Ordinal)).Select(l => (File: f, Line: l)))
            .ToList();

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.Matches(@"^\s*module \w+ '[\w./-]+\.bicep'", r.Line));
    }

    [Fact]
    public async Task Parameters_EveryTemplate_AreDescribed()
    {
        var main = await InfraTemplates.CompileAsync("main.bicep");

        // Declarations carry a type; a module's arguments carry a value instead.
        var declarations = Declarations(main, "parameters").Concat(Declarations(main, "outputs")).ToList();

        Assert.True(declarations.Count > 50, $"{declarations.Count} declarations");
        Assert.All(declarations, d => Assert.False(string.IsNullOrWhiteSpace((string?)d.Value["metadata"]?["description"]), $"{d.Name} has no description"));
    }

    private static IEnumerable<(string Name, JsonObject Value)> Declarations(JsonNode? node, string section) => node switch
    {
        JsonObject obj => obj.SelectMany(p =>
            (p.Key == section && p.Value is JsonObject declared
                ? declared.Where(d => d.Value is JsonObject o && o["type"] is not null).Select(d => (d.Key, (JsonObject)d.Value!))
                : []).Concat(Declarations(p.Value, section))),
        JsonArray array => array.SelectMany(item => Declarations(item, section)),
        _ => [],
    };

    [Fact]
    public void BicepConfig_LinterRules_AreRaisedNeverSilenced()
    {
        var config = JsonNode.Parse(
            File.ReadAllText(Path.Combine(InfraTemplates.Folder, "bicepconfig.json")),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var core = config["analyzers"]?["core"];

        Assert.True((bool?)core?["enabled"] ?? true);
        var levels = core?["rules"]?.AsObject().Select(r => (r.Key, Level: (string?)r.Value?["level"])).ToList() ?? [];
        Assert.NotEmpty(levels);
        Assert.All(levels, rule => Assert.True(rule.Level is "warning" or "error", $"{rule.Key} is '{rule.Level}'"));
    }
}
