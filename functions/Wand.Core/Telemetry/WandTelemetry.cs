using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;

namespace Wand.Telemetry;

/// <summary>
/// Wand's traces and metrics: one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both
/// named <see cref="Name"/>, emitted from Core so that both hosts export the same ones (`wand`
/// over OTLP, the Functions app to Azure Monitor). The LLM calls follow OpenTelemetry's GenAI
/// semantic conventions (gen_ai.*); the rest is wand.*. Nothing here knows Wand's types, so every
/// capability may report without depending on another.
/// </summary>
public static class WandTelemetry
{
    public const string Name = "Wand";

    public static readonly ActivitySource Source = new(Name, typeof(WandTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Meter Meter = new(Name, typeof(WandTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> Repairs = Meter.CreateCounter<long>("wand.repairs", "{repair}", "Repairs that ended, by outcome and generator.");

    private static readonly Histogram<double> RepairDuration = Meter.CreateHistogram<double>("wand.repair.duration", "s", "Wall time of a repair, from its start to its report.");

    private static readonly Histogram<long> RepairRounds = Meter.CreateHistogram<long>("wand.repair.rounds", "{round}", "Rounds a repair ran.");

    private static readonly Counter<long> Candidates = Meter.CreateCounter<long>("wand.candidates", "{candidate}", "Candidates run in the sandbox, by where they came from and how they ended.");

    private static readonly Histogram<double> SandboxDuration = Meter.CreateHistogram<double>("wand.sandbox.duration", "s", "Wall time of one sandbox run of one or more variants.");

    private static readonly Counter<long> SandboxVariants = Meter.CreateCounter<long>("wand.sandbox.variants", "{variant}", "Variants (candidates, original runs) run in the sandbox, by how they ended.");

    private static readonly Histogram<long> TokenUsage = Meter.CreateHistogram<long>("gen_ai.client.token.usage", "{token}", "Tokens of one LLM call, input and output.");

    private static readonly Histogram<double> LlmDuration = Meter.CreateHistogram<double>("gen_ai.client.operation.duration", "s", "Wall time of one LLM call, retries included.");

    /// <summary>A span around one run of an activity, tagged with its orchestration (a repair's is its job id): the parent of the sandbox and LLM spans under it.</summary>
    public static Activity? StartTask(string name, string instanceId)
    {
        var span = Source.StartActivity($"wand.task {name}");
        span?.SetTag("wand.task", name);
        span?.SetTag("wand.instance.id", instanceId);
        return span;
    }

    /// <summary>A span around one sandbox run, which <see cref="SandboxRan"/> describes (the caller ends it).</summary>
    public static Activity? StartSandboxRun(string language, int variants)
    {
        var span = Source.StartActivity("wand.sandbox.run");
        span?.SetTag("wand.language", language);
        span?.SetTag("wand.sandbox.variants", variants);
        return span;
    }

    /// <param name="reasons">How each variant ended (ExitReason's names).</param>
    public static void SandboxRan(Activity? span, string language, IReadOnlyCollection<string> reasons, int passed, int failed, TimeSpan elapsed)
    {
        reasons = [.. reasons.Select(Word)];
        var outcome = reasons.Distinct().Count() == 1 ? reasons.First() : "mixed";
        span?.SetTag("wand.sandbox.outcome", outcome);
        span?.SetTag("wand.tests.passed", passed);
        span?.SetTag("wand.tests.failed", failed);
        SandboxDuration.Record(elapsed.TotalSeconds, new("wand.language", language), new("wand.sandbox.outcome", outcome));
        foreach (var reason in reasons.GroupBy(r => r))
        {
            SandboxVariants.Add(reason.Count(), new("wand.language", language), new("wand.sandbox.outcome", reason.Key));
        }
    }

    /// <summary>A span around one chat completion, named as the GenAI conventions name it ("chat {model}").</summary>
    public static Activity? StartLlmCall(string provider, string model)
    {
        var span = Source.StartActivity($"chat {model}", ActivityKind.Client);
        span?.SetTag("gen_ai.operation.name", "chat");
        span?.SetTag("gen_ai.provider.name", provider);
        span?.SetTag("gen_ai.request.model", model);
        return span;
    }

    /// <param name="error">Why the call failed (null: it did not).</param>
    public static void LlmCalled(Activity? span, string provider, string model, long inputTokens, long outputTokens, TimeSpan elapsed, string? error)
    {
        KeyValuePair<string, object?>[] tags = [new("gen_ai.operation.name", "chat"), new("gen_ai.provider.name", provider), new("gen_ai.request.model", model)];
        LlmDuration.Record(elapsed.TotalSeconds, error is null ? tags : [.. tags, new("error.type", error)]);
        if (error is null)
        {
            TokenUsage.Record(inputTokens, [.. tags, new("gen_ai.token.type", "input")]);
            TokenUsage.Record(outputTokens, [.. tags, new("gen_ai.token.type", "output")]);
            span?.SetTag("gen_ai.usage.input_tokens", inputTokens);
            span?.SetTag("gen_ai.usage.output_tokens", outputTokens);
        }
        else
        {
            span?.SetTag("error.type", error);
            span?.SetStatus(ActivityStatusCode.Error, error);
        }
    }

    /// <param name="source">generated (by the LLM), search or confirmation.</param>
    /// <param name="outcome">What its run came to, as the reports say it ("all pass", "tests fail", "suspicious"…).</param>
    public static void CandidatesRun(string source, string outcome, int count = 1) =>
        Candidates.Add(count, new("wand.candidate.source", source), new("wand.candidate.outcome", outcome));

    /// <param name="status">The repair's status (RepairStatus's names).</param>
    public static void RepairEnded(string status, string generator, TimeSpan duration, int rounds)
    {
        (status, generator) = (Word(status), Word(generator));
        Repairs.Add(1, new("wand.repair.status", status), new("wand.repair.generator", generator));
        RepairDuration.Record(duration.TotalSeconds, new("wand.repair.status", status), new("wand.repair.generator", generator));
        RepairRounds.Record(rounds, new KeyValuePair<string, object?>("wand.repair.generator", generator));
        Activity.Current?.SetTag("wand.repair.status", status);
    }

    /// <summary>An enum's name as Wand's JSON writes it (repaired, notRepaired, compileError).</summary>
    private static string Word(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
}
