using System.Text;
using System.Text.RegularExpressions;
using Wand.Jobs;

namespace Wand.Behaviour;

/// <summary>
/// The functions a candidate's change falls in, by name: the nearest definition above each line
/// between the first and the last that differ. The amplifier varies their calls first.
/// </summary>
public static partial class ChangedFunctions
{
    public static IReadOnlySet<string> Of(LanguageProfile language, string original, string changed)
    {
        var (before, after) = (original.Split('\n'), changed.Split('\n'));
        var first = 0;
        while (first < before.Length && first < after.Length && before[first] == after[first])
        {
            first++;
        }

        var (endBefore, endAfter) = (before.Length - 1, after.Length - 1);
        while (endBefore >= first && endAfter >= first && before[endBefore] == after[endAfter])
        {
            (endBefore, endAfter) = (endBefore - 1, endAfter - 1);
        }

        var definition = language == LanguageProfile.JavaScript ? JavaScriptDefinition() : PythonDefinition();
        var names = new HashSet<string>(StringComparer.Ordinal);
        // A change that only removes lines falls where they were.
        for (var line = Math.Min(first, after.Length - 1); line <= Math.Min(Math.Max(endAfter, first), after.Length - 1); line++)
        {
            for (var above = line; above >= 0; above--)
            {
                if (definition.Match(after[above]) is { Success: true } match)
                {
                    names.Add(match.Groups["name"].Value);
                    break;
                }
            }
        }

        return names;
    }

    /// <summary>The functions every candidate's change falls in, over the job's files.</summary>
    public static IReadOnlySet<string> Of(Job job, IEnumerable<ExaminedCandidate> candidates)
    {
        var original = job.Files.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
        return candidates.SelectMany(c => c.Variant.Files)
            .Where(f => original.ContainsKey(f.Path))
            .SelectMany(f => Of(job.Language, Encoding.UTF8.GetString(original[f.Path]), Encoding.UTF8.GetString(f.Content)))
            .ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^\s*(?:async\s+)?def\s+(?<name>\w+)")]
    private static partial Regex PythonDefinition();

    [GeneratedRegex(@"^\s*(?:export\s+)?(?:async\s+)?(?:function\s*\*?\s*(?<name>[\w$]+)|(?:const|let|var)\s+(?<name>[\w$]+)\s*=\s*(?:async\s*)?(?:function\b|\(|[\w$]+\s*=>))")]
    private static partial Regex JavaScriptDefinition();
}
