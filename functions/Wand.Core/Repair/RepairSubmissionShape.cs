using System.Text.Json;
using Wand.Jobs;

namespace Wand.Repair;

/// <summary>
/// The JSON shape of a <see cref="RepairSubmission"/>, checked before it is read, so every
/// problem names its member (<c>files[0] is null</c>, <c>budget.minutes must be a whole
/// number (got a string)</c>, <c>budget has no member 'minuts'</c>) rather than a serializer's
/// message, and no null reaches the job. A member given as null is refused, not taken as
/// absent: leaving it out is how a caller keeps the default. Member names match as the
/// serializer matches them, ignoring case.
/// </summary>
internal static class RepairSubmissionShape
{
    private enum Expected
    {
        Object,
        List,
        Text,
        WholeNumber,
    }

    /// <summary>What each member must be, by its path with a list's items as <c>[]</c>; the root is "".</summary>
    private static readonly Dictionary<string, Expected> Members = new(StringComparer.OrdinalIgnoreCase)
    {
        [""] = Expected.Object,
        ["files"] = Expected.List,
        ["files[]"] = Expected.Object,
        ["files[].path"] = Expected.Text,
        ["files[].content"] = Expected.Text,
        ["files[].contentBase64"] = Expected.Text,
        ["language"] = Expected.Text,
        ["test"] = Expected.Text,
        ["editable"] = Expected.List,
        ["editable[]"] = Expected.Text,
        ["timeoutSeconds"] = Expected.WholeNumber,
        ["task"] = Expected.Text,
        ["generator"] = Expected.Text,
        ["budget"] = Expected.Object,
        ["budget.rounds"] = Expected.WholeNumber,
        ["budget.candidates"] = Expected.WholeNumber,
        ["budget.tokens"] = Expected.WholeNumber,
        ["budget.minutes"] = Expected.WholeNumber,
        ["budget.searchCandidates"] = Expected.WholeNumber,
    };

    /// <summary>Throws <see cref="InvalidJobException"/> naming the first member that is null, of the wrong kind, or unknown.</summary>
    public static void Check(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Null)
        {
            throw new InvalidJobException("the body is JSON null; it must be a job object");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidJobException($"the body is not a repair job: it must be a JSON object (got {Kind(root)})");
        }

        Check(root, "", "");
    }

    private static void Check(JsonElement element, string path, string shape)
    {
        var expected = Members[shape];
        if (element.ValueKind == JsonValueKind.Null)
        {
            throw new InvalidJobException(shape.EndsWith("[]", StringComparison.Ordinal) ? $"{path} is null" : $"{path} is null; give it a value or leave it out");
        }

        var fits = expected switch
        {
            Expected.Object => element.ValueKind == JsonValueKind.Object,
            Expected.List => element.ValueKind == JsonValueKind.Array,
            Expected.Text => element.ValueKind == JsonValueKind.String,
            _ => element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out _),
        };
        if (!fits)
        {
            throw new InvalidJobException($"{path} must be {Describe(expected)} (got {Kind(element)})");
        }

        if (expected == Expected.Text && !IsText(element))
        {
            throw new InvalidJobException($"{path} is not valid Unicode text (it has a lone surrogate)");
        }

        if (expected == Expected.List)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                Check(item, $"{path}[{index++}]", shape + "[]");
            }
        }
        else if (expected == Expected.Object)
        {
            CheckMembers(element, path, shape);
        }
    }

    private static void CheckMembers(JsonElement element, string path, string shape)
    {
        var owner = path.Length == 0 ? "the job" : path;
        // The serializer would take the last of two; a proxy in front of Wand may have taken the first.
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in element.EnumerateObject())
        {
            var memberShape = shape.Length == 0 ? member.Name : $"{shape}.{member.Name}";
            if (!Members.ContainsKey(memberShape))
            {
                throw new InvalidJobException($"{owner} has no member {InvalidJobException.Quote(member.Name)} (known: {string.Join(", ", Known(shape))})");
            }

            if (!seen.Add(member.Name))
            {
                throw new InvalidJobException($"{owner} has the member {InvalidJobException.Quote(member.Name)} twice");
            }

            Check(member.Value, path.Length == 0 ? member.Name : $"{path}.{member.Name}", memberShape);
        }
    }

    private static bool IsText(JsonElement element)
    {
        try
        {
            element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static IEnumerable<string> Known(string shape)
    {
        var prefix = shape.Length == 0 ? "" : shape + ".";
        return Members.Keys.Where(k => k.Length > prefix.Length && k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && !k[prefix.Length..].Contains('.', StringComparison.Ordinal) && !k.EndsWith("[]", StringComparison.Ordinal))
            .Select(k => k[prefix.Length..]);
    }

    private static string Describe(Expected expected) => expected switch
    {
        Expected.Object => "an object",
        Expected.List => "a list",
        Expected.Text => "a string",
        _ => "a whole number",
    };

    /// <summary>What a caller sent, in a word; a number is shown (quoted, so a million digits stay a short line).</summary>
    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {InvalidJobException.Quote(element.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => "null",
    };
}
