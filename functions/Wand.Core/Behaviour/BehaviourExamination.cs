using System.Text.Json.Nodes;
using Wand.Jobs;
using Wand.Sandbox;

namespace Wand.Behaviour;

/// <summary>A passing candidate to compare: its key and its files laid over the job's.</summary>
public sealed record ExaminedCandidate(string Key, SandboxVariant Variant);

/// <summary>
/// Compares a repair's passing candidates on more inputs than its tests gave (issue 16): records
/// the calls the job's tests make into the modules the candidates change, amplifies them, replays them on the original code and on every
/// candidate in one sandbox run, groups the candidates by what they did, chooses the offered fix
/// (the first of the largest group; the first candidate's group among equals) and labels it.
/// </summary>
public sealed class BehaviourExamination(BehaviourProbe probe)
{
    /// <summary>What was found, and the raw evidence (every input and outcome) for the job's artifacts; null when nothing ran.</summary>
    public sealed record Result(BehaviourEvidence Evidence, JsonObject? Record);

    /// <param name="candidates">Passing candidates, best ranked first: the first is the confirmed fix.</param>
    public async Task<Result> ExamineAsync(Job job, IReadOnlyList<ExaminedCandidate> candidates, CancellationToken cancellationToken)
    {
        var fix = candidates[0].Key;
        if (!BehaviourProbe.Supports(job))
        {
            return new(BehaviourEvidence.NotExamined(fix, WhyNotProbed(job)), null);
        }

        // Only the modules a candidate changes: candidates can differ only through them, and a large
        // repository's every module would be imported, wrapped and named on one command line.
        var editable = BehaviourProbe.Modules(job).ToHashSet(StringComparer.Ordinal);
        var changed = BehaviourProbe.Modules(job, candidates.SelectMany(c => c.Variant.Files.Select(f => f.Path))).Where(editable.Contains).ToList();
        var recording = changed.Count == 0 ? ProbeRecording.Empty : await probe.RecordAsync(job, changed, cancellationToken);
        // Calls into a module that was not watched are no input of this examination (and their names are not the job's).
        recording = recording with { Calls = [.. recording.Calls.Where(c => changed.Contains(c.Module, StringComparer.Ordinal))] };
        if (recording.Calls.Count == 0)
        {
            return new(BehaviourEvidence.NotExamined(fix, job.Language == LanguageProfile.JavaScript
                ? "the tests made no call into the editable modules with arguments the probe can replay (under jest, which loads modules through its own runtime, none is seen)"
                : "the tests made no call into the editable modules with arguments the probe can replay"), null);
        }

        var inputs = InputAmplifier.Amplify(recording.Calls, focus: ChangedFunctions.Of(job, candidates));
        var outcomes = await probe.ReplayAsync(job, [new SandboxVariant([]), .. candidates.Select(c => c.Variant)], inputs, cancellationToken);
        var replayed = candidates.Zip(outcomes.Skip(1)).Where(p => p.Second is not null).Select(p => (p.First.Key, Outcomes: p.Second!)).ToList();
        if (outcomes[0] is not { } original || replayed.Count == 0 || replayed[0].Key != fix)
        {
            return new(BehaviourEvidence.NotExamined(fix, "the probe's replay of the original code or of the fix left no outcomes (it was stopped at the time limit)"), null);
        }

        var evidence = Compare(BehaviourProbe.TestWriter(job)!, inputs, recording, original, replayed);
        if (replayed.Count < candidates.Count)
        {
            // One that could not be compared might have disagreed: the fix is not shown to agree with it.
            evidence = evidence with
            {
                Confidence = Confidence.Plausible,
                Reasons = [.. evidence.Reasons, $"{candidates.Count - replayed.Count} passing candidate(s) left no outcomes (stopped at the time limit) and could not be compared"],
            };
        }

        return new(evidence, Record(inputs, recording, original, replayed));
    }

    /// <summary>The groups, the offered fix, its label, and where the groups disagree.</summary>
    public static BehaviourEvidence Compare(
        DisagreementTest writer, IReadOnlyList<ProbeCall> inputs, ProbeRecording recording, IReadOnlyList<JsonObject> original, IReadOnlyList<(string Key, IReadOnlyList<JsonObject> Outcomes)> replayed)
    {
        var groups = BehaviourGroups.Of(replayed);
        var offered = groups[0].Candidates[0];
        var label = ConfidenceLabel.For(offered, replayed, original, inputs, recording, writer);
        var byKey = replayed.ToDictionary(r => r.Key, r => r.Outcomes, StringComparer.Ordinal);
        var named = groups.Select(g => (Name: g.Name(offered), Outcomes: byKey[g.Candidates[0]])).ToList();
        var differing = groups.Skip(1).SelectMany(g => BehaviourGroups.Differences(byKey[offered], byKey[g.Candidates[0]])).Distinct()
            .OrderBy(i => inputs[i].Key.Length).ThenBy(i => i).Take(BehaviourEvidence.MaxDisagreements);
        var disagreements = differing.Select(i => new Disagreement(
            writer.Expression(inputs[i]), writer.Says(original[i]),
            [.. groups.Select(g => new GroupAnswer(g.Candidates, writer.Says(byKey[g.Candidates[0]][i])))])).ToList();
        return new(label.Confidence, label.Reasons, offered, replayed.Count, recording.Calls.Count, inputs.Count, groups, disagreements,
            writer.For(inputs, named))
        { TestLanguage = writer.Language };
    }

    private static string WhyNotProbed(Job job) =>
        BehaviourProbe.TestWriter(job) is null ? $"Wand has no behaviour probe for {job.Language.Name} yet"
        : job.Root is not null ? "the behaviour probe does not yet run jobs whose code is below a root folder"
        : BehaviourProbe.IsEsm(job) ? "the behaviour probe records CommonJS modules, and this package is an ES module (\"type\": \"module\")"
        : "the job has no editable module the tests could load";

    private static JsonObject Record(
        IReadOnlyList<ProbeCall> inputs, ProbeRecording recording, IReadOnlyList<JsonObject> original, IReadOnlyList<(string Key, IReadOnlyList<JsonObject> Outcomes)> replayed) => new()
        {
            ["recorded"] = recording.Calls.Count,
            ["inputs"] = new JsonArray([.. inputs.Select(i => (JsonNode)i.ToJson())]),
            ["original"] = new JsonArray([.. original.Select(o => o.DeepClone())]),
            ["candidates"] = new JsonObject(replayed.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)new JsonArray([.. r.Outcomes.Select(o => o.DeepClone())])))),
        };
}
