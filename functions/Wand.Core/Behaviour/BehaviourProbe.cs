using System.Text;
using System.Text.Json.Nodes;
using Wand.Jobs;
using Wand.Sandbox;

namespace Wand.Behaviour;

/// <summary>
/// Runs the behaviour probe (sandbox-images/python/wand_behaviour.py) in the sandbox, with the
/// same isolation and limits as any candidate: records the calls a job's tests make into its
/// editable modules, and replays inputs on the original code and on candidates, one variant each.
/// Python only, where calls can be recorded in-process; elsewhere <see cref="Supports"/> is false.
/// </summary>
public sealed class BehaviourProbe(ISandbox sandbox)
{
    /// <summary>Where the inputs go in a replay's job (a hidden folder: never a job's own file).</summary>
    public const string InputsPath = ".wand-behaviour/inputs.json";

    public static bool Supports(Job job) => job.Language == LanguageProfile.Python && job.Root is null && Modules(job).Count > 0;

    /// <summary>The editable Python files as the modules tests import (a package's <c>__init__.py</c> as the package).</summary>
    public static IReadOnlyList<string> Modules(Job job) => [.. EditableFiles.Of(job)
        .Where(p => p.EndsWith(".py", StringComparison.Ordinal))
        .Select(p => p[..^3].Replace('/', '.'))
        .Select(m => m.EndsWith(".__init__", StringComparison.Ordinal) ? m[..^9] : m)
        .Where(m => m.Split('.').All(IsIdentifier))
        .Order(StringComparer.Ordinal)];

    /// <summary>The calls the job's tests make into its editable modules, and how each test ended, running its whole suite once.</summary>
    public async Task<ProbeRecording> RecordAsync(Job job, CancellationToken cancellationToken)
    {
        var recording = job with { TestCommand = $"python3 -m wand_behaviour record {string.Join(' ', Modules(job))}", ExtraReport = ".wand/calls.json" };
        var result = await sandbox.RunAsync(recording, cancellationToken);
        return ProbeRecording.From(result.ExtraReport) ?? ProbeRecording.Empty;
    }

    /// <summary>
    /// What each of <paramref name="inputs"/> does on each variant's code (the job's files with
    /// the variant's over them; an empty variant is the original): one outcome per input, in
    /// order, or null for a variant whose replay left none (it timed out, or was killed).
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<JsonObject>?>> ReplayAsync(Job job, IReadOnlyList<SandboxVariant> variants, IReadOnlyList<ProbeCall> inputs, CancellationToken cancellationToken)
    {
        var document = new JsonObject { ["inputs"] = new JsonArray([.. inputs.Select(i => (JsonNode)i.ToJson())]) };
        var replaying = job with
        {
            Files = [.. job.Files, new JobFile(InputsPath, Encoding.UTF8.GetBytes(document.ToJsonString()))],
            TestCommand = $"python3 -m wand_behaviour replay {InputsPath}",
            ExtraReport = ".wand/behaviour.json",
        };
        var results = await sandbox.RunVariantsAsync(new SandboxVariants(replaying, variants, job.Timeout), cancellationToken);
        return [.. results.Select(r => Outcomes(r.ExtraReport, inputs.Count))];
    }

    private static IReadOnlyList<JsonObject>? Outcomes(string? json, int count)
    {
        try
        {
            return json is not null && JsonNode.Parse(json)?["outcomes"] is JsonArray outcomes && outcomes.Count == count && outcomes.All(o => o is JsonObject)
                ? [.. outcomes.Cast<JsonObject>()]
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static bool IsIdentifier(string part) => part.Length > 0 && (char.IsLetter(part[0]) || part[0] == '_') && part.All(c => char.IsLetterOrDigit(c) || c == '_');
}
