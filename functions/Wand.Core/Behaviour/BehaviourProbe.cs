using System.Text;
using System.Text.Json.Nodes;
using Wand.Jobs;
using Wand.Sandbox;

namespace Wand.Behaviour;

/// <summary>
/// Runs the behaviour probe in the sandbox, with the same isolation and limits as any candidate:
/// records the calls a job's tests make into its editable modules, and replays inputs on the
/// original code and on candidates, one variant each. Python (sandbox-images/python/wand_behaviour.py,
/// under pytest) and JavaScript in CommonJS (sandbox-images/node/wand-behaviour.cjs, under the job's
/// own test command), where calls can be recorded in-process; elsewhere <see cref="Supports"/> is false.
/// </summary>
public sealed class BehaviourProbe(ISandbox sandbox)
{
    /// <summary>Where the inputs go in a replay's job (a hidden folder: never a job's own file).</summary>
    public const string InputsPath = ".wand-behaviour/inputs.json";

    private const string NodeProbe = "/usr/local/lib/wand/wand-behaviour.cjs";

    public static bool Supports(Job job) => TestWriter(job) is not null && job.Root is null && !IsEsm(job) && Modules(job).Count > 0;

    /// <summary>How a disagreement is written as a test in the job's language; null for a language with no probe.</summary>
    public static DisagreementTest? TestWriter(Job job) =>
        job.Language == LanguageProfile.Python ? DisagreementTest.Python
        : job.Language == LanguageProfile.JavaScript ? DisagreementTest.JavaScript
        : null;

    /// <summary>A package whose modules are ES modules: its imports do not pass through the CommonJS loader the probe watches.</summary>
    public static bool IsEsm(Job job) =>
        job.Language == LanguageProfile.JavaScript && job.Files.FirstOrDefault(f => f.Path == "package.json") is { } package
        && Encoding.UTF8.GetString(package.Content).Replace(" ", "", StringComparison.Ordinal).Contains("\"type\":\"module\"", StringComparison.Ordinal);

    /// <summary>
    /// The editable modules as the probe names them: Python files as the modules tests import (a
    /// package's <c>__init__.py</c> as the package); JavaScript files by their paths.
    /// </summary>
    public static IReadOnlyList<string> Modules(Job job) => Modules(job, EditableFiles.Of(job));

    /// <summary>The modules of <paramref name="paths"/> (files of the job) as the probe names them; files of no module are left out.</summary>
    public static IReadOnlyList<string> Modules(Job job, IEnumerable<string> paths) => job.Language == LanguageProfile.JavaScript
        ? [.. paths.Where(p => p.EndsWith(".js", StringComparison.Ordinal) || p.EndsWith(".cjs", StringComparison.Ordinal))
            .Where(p => p.All(c => char.IsLetterOrDigit(c) || c is '/' or '.' or '_' or '-')).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]
        : [.. paths
            .Where(p => p.EndsWith(".py", StringComparison.Ordinal))
            .Select(p => p[..^3].Replace('/', '.'))
            .Select(m => m.EndsWith(".__init__", StringComparison.Ordinal) ? m[..^9] : m)
            .Where(m => m.Split('.').All(IsIdentifier))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    /// <summary>The calls the job's tests make into its editable modules, and how each test ended, running its whole suite once.</summary>
    public Task<ProbeRecording> RecordAsync(Job job, CancellationToken cancellationToken) => RecordAsync(job, null, cancellationToken);

    /// <summary>
    /// The calls the job's tests make into <paramref name="modules"/> (every editable module when
    /// null), and how each test ended, running its whole suite once.
    /// </summary>
    public async Task<ProbeRecording> RecordAsync(Job job, IReadOnlyList<string>? modules, CancellationToken cancellationToken)
    {
        var watched = string.Join(' ', modules ?? Modules(job));
        var command = job.Language == LanguageProfile.JavaScript
            ? $"WAND_BEHAVIOUR_COMMAND={ShellQuoted(job.TestCommand)} node {NodeProbe} record {watched}"
            : $"python3 -m wand_behaviour record {watched}";
        var result = await sandbox.RunAsync(job with { TestCommand = command, ExtraReport = ".wand/calls.json" }, cancellationToken);
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
            TestCommand = job.Language == LanguageProfile.JavaScript ? $"node {NodeProbe} replay {InputsPath}" : $"python3 -m wand_behaviour replay {InputsPath}",
            ExtraReport = ".wand/behaviour.json",
        };
        var results = await sandbox.RunVariantsAsync(new SandboxVariants(replaying, variants, job.Timeout), cancellationToken);
        return [.. results.Select(r => Outcomes(r.ExtraReport, inputs.Count))];
    }

    // Held to the probe's shapes (ProbeOutput): a hostile report is unreadable outcomes, never an exception.
    private static IReadOnlyList<JsonObject>? Outcomes(string? json, int count)
    {
        try
        {
            return json is not null && JsonNode.Parse(json)?["outcomes"] is JsonArray outcomes && outcomes.Count == count
                ? [.. outcomes.Select(ProbeOutput.CleanOutcome)]
                : null;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            return null;
        }
    }

    // The job's command as one shell word: its own operators and quotes are the inner shell's to read.
    private static string ShellQuoted(string text) => $"'{text.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    private static bool IsIdentifier(string part) => part.Length > 0 && (char.IsLetter(part[0]) || part[0] == '_') && part.All(c => char.IsLetterOrDigit(c) || c == '_');
}
