using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wand.Behaviour;

/// <summary>What the probe's <c>record</c> wrote: the calls, and how each test of the suite ended (pytest's node id → passed, failed, skipped).</summary>
public sealed record ProbeRecording(IReadOnlyList<ProbeCall> Calls, IReadOnlyDictionary<string, string> Tests)
{
    public static ProbeRecording Empty { get; } = new([], new Dictionary<string, string>());

    /// <summary>Whether the test that made <paramref name="call"/> passed on the recorded code.</summary>
    public bool FromAPassingTest(ProbeCall call) => call.Test is { } test && Tests.TryGetValue(test, out var outcome) && outcome == "passed";

    /// <summary>The recording in <paramref name="json"/>; null when it is not one.</summary>
    public static ProbeRecording? From(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json) is JsonObject root && root["calls"] is JsonArray calls
                ? new ProbeRecording(
                    [.. calls.OfType<JsonObject>().Select(ProbeCall.From).OfType<ProbeCall>()],
                    root["tests"] is JsonObject tests
                        ? tests.Where(t => t.Value?.GetValueKind() == JsonValueKind.String).ToDictionary(t => t.Key, t => (string)t.Value!, StringComparer.Ordinal)
                        : new Dictionary<string, string>())
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            return null;
        }
    }
}
