using System.Text.Json.Nodes;

namespace Wand.Behaviour;

/// <summary>
/// One call into a job's editable code: the function, and its arguments as the behaviour probe
/// writes values (JSON, with tagged tuples, dicts, sets and special floats; see
/// sandbox-images/python/wand_behaviour.py). Equal calls have equal <see cref="Key"/>s.
/// </summary>
public sealed record ProbeCall(string Module, string Function, JsonArray Args, JsonObject Kwargs)
{
    /// <summary>The test whose run made the call (an amplified input keeps its origin's); null when not known.</summary>
    public string? Test { get; init; }

    /// <summary>The call as canonical JSON: what two calls are compared by.</summary>
    public string Key => ToJson().ToJsonString();

    public JsonObject ToJson() => new()
    {
        ["module"] = Module,
        ["function"] = Function,
        ["args"] = Args.DeepClone(),
        ["kwargs"] = Kwargs.DeepClone(),
    };

    /// <summary>The calls of the probe's <c>calls.json</c>; null when it is not one.</summary>
    public static IReadOnlyList<ProbeCall>? ListFrom(string? json) => ProbeRecording.From(json)?.Calls;

    /// <summary>A call as the probe wrote it, or null unless it has the probe's shape: a module, a function named by an identifier, plain-data arguments.</summary>
    internal static ProbeCall? From(JsonObject call) =>
        call["module"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && call["function"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
            && ProbeOutput.IsIdentifier((string?)call["function"]) && call["args"] is JsonArray args && ProbeOutput.IsValue(args)
            && (call["kwargs"] is null || (call["kwargs"] is JsonObject named && named.All(k => ProbeOutput.IsIdentifier(k.Key) && ProbeOutput.IsValue(k.Value))))
            ? new ProbeCall((string)call["module"]!, (string)call["function"]!, (JsonArray)args.DeepClone(), call["kwargs"] is JsonObject kwargs ? (JsonObject)kwargs.DeepClone() : [])
            {
                Test = call["test"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)call["test"]! : null,
            }
            : null;
}
