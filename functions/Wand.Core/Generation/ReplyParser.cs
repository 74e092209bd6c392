using System.Text;
using System.Text.RegularExpressions;
using Wand.Jobs;

namespace Wand.Generation;

/// <summary>
/// Reads the code out of an LLM's reply: fenced blocks holding whole files (named by the
/// fence's info string or by the line just before it), unified diffs, or SEARCH/REPLACE edits
/// (<see cref="SearchReplaceEdits"/>). A file named by a path the job does not have, but whose
/// name only one of the job's files has, is that file. Only editable files are taken; anything
/// else the reply touches is listed in <see cref="ParsedReply.Ignored"/>. A file the prompt
/// showed only in parts is never taken whole: the block would be those parts.
/// </summary>
public static partial class ReplyParser
{
    /// <param name="partlyShown">Files the prompt showed only in parts (<see cref="RepairPrompt.PartlyShown"/>).</param>
    public static ParsedReply Parse(string reply, IReadOnlyList<JobFile> files, IReadOnlySet<string> editable, IReadOnlyCollection<string>? partlyShown = null)
    {
        var byPath = files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var changes = new Dictionary<string, string>(StringComparer.Ordinal);
        var ignored = new List<string>();
        var problems = new List<string>();
        var known = byPath.Keys.ToHashSet(StringComparer.Ordinal);
        var blocks = FencedBlocks(reply, known).Where(b => !SearchReplaceEdits.AreIn(b.Body)).ToList();
        var edits = SearchReplaceEdits.Parse(reply, line => PathIn(line, known));
        ApplyEdits(edits, known, byPath, editable, changes, ignored, problems);
        if (blocks.Count == 0 && edits.Count == 0 && reply.Contains("\n@@ ", StringComparison.Ordinal))
        {
            blocks = [new Block("diff", null, reply)];
        }

        foreach (var block in blocks)
        {
            if (block.Info == "diff" || block.Body.StartsWith("--- ", StringComparison.Ordinal) || block.Body.StartsWith("diff --git", StringComparison.Ordinal))
            {
                ApplyDiff(block.Body, byPath, editable, changes, ignored, problems);
                continue;
            }

            var target = Resolve(block.Path, known) ?? (editable.Count == 1 && blocks.Count == 1 ? editable.First() : null);
            if (target is null)
            {
                problems.Add("a code block does not say which file it is");
            }
            else if (!editable.Contains(target))
            {
                ignored.Add(target);
            }
            else if (partlyShown?.Contains(target) == true)
            {
                problems.Add($"the reply gives {target} whole, which it was shown only in parts: it is changed with SEARCH/REPLACE edits");
            }
            else
            {
                changes[target] = block.Body.EndsWith('\n') ? block.Body : block.Body + "\n";
            }
        }

        var result = changes
            .Where(c => !byPath.TryGetValue(c.Key, out var original) || Encoding.UTF8.GetString(original.Content) != c.Value)
            .Select(c => new JobFile(c.Key, Encoding.UTF8.GetBytes(c.Value)))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        var problem = result.Count > 0 ? null
            : blocks.Count == 0 && edits.Count == 0 ? "the reply has no code"
            : problems.Count > 0 ? string.Join("; ", problems)
            : ignored.Count > 0 ? $"the reply changes only files it may not change ({string.Join(", ", ignored.Distinct())})"
            : "the reply's code is the same as the current code";
        return new ParsedReply(result, problem, ignored.Distinct().ToList());
    }

    /// <summary>SEARCH/REPLACE edits, in order, each on the file as the ones before it left it; files it may not change are only noted.</summary>
    private static void ApplyEdits(
        IReadOnlyList<SearchReplaceEdits.Edit> edits, IReadOnlySet<string> known, Dictionary<string, JobFile> byPath, IReadOnlySet<string> editable,
        Dictionary<string, string> changes, List<string> ignored, List<string> problems)
    {
        foreach (var edit in edits)
        {
            var path = Resolve(edit.Path, known) ?? (editable.Count == 1 ? editable.First() : null);
            if (path is null || !editable.Contains(path))
            {
                (path is null ? problems : ignored).Add(path ?? "a SEARCH/REPLACE edit does not say which file it changes");
                continue;
            }

            var current = changes.TryGetValue(path, out var changed) ? changed : byPath.TryGetValue(path, out var file) ? Encoding.UTF8.GetString(file.Content) : "";
            var (text, problem) = SearchReplaceEdits.Apply(current, edit, path);
            if (text is not null)
            {
                changes[path] = text;
            }
            else
            {
                problems.Add(problem!);
            }
        }
    }

    /// <summary>
    /// The job's file a reply means by <paramref name="path"/>: that path, or else the one file of
    /// the job with that name or ending in it (replies drop or garble folders); otherwise the path as given.
    /// </summary>
    private static string? Resolve(string? path, IReadOnlySet<string> known)
    {
        if (path is null || known.Contains(path))
        {
            return path;
        }

        var name = path.Contains('/', StringComparison.Ordinal) ? path[(path.LastIndexOf('/') + 1)..] : path;
        var matches = known.Where(k => k.EndsWith("/" + path, StringComparison.Ordinal) || k == name || k.EndsWith("/" + name, StringComparison.Ordinal)).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : path;
    }

    /// <summary>A unified diff's files, applied on top of what earlier blocks changed; files it may not change are only noted.</summary>
    private static void ApplyDiff(
        string diff, Dictionary<string, JobFile> byPath, IReadOnlySet<string> editable, Dictionary<string, string> changes, List<string> ignored, List<string> problems)
    {
        var known = byPath.Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var (named, hunks) in UnifiedDiff.Parse(diff))
        {
            var path = Resolve(named, known)!;
            if (!editable.Contains(path))
            {
                ignored.Add(path);
                continue;
            }

            var current = changes.TryGetValue(path, out var changed) ? changed : byPath.TryGetValue(path, out var file) ? Encoding.UTF8.GetString(file.Content) : "";
            if (UnifiedDiff.Apply(current, hunks) is { } applied)
            {
                changes[path] = applied;
            }
            else
            {
                problems.Add($"the diff for {path} does not match its content");
            }
        }
    }

    // A path the job has wins over any other path-like word on the line.
    private static string? PathIn(string text, IReadOnlySet<string> known)
    {
        var found = PathLike().Matches(text).Select(m => m.Groups["path"].Value).ToList();
        return found.FirstOrDefault(known.Contains) ?? found.FirstOrDefault();
    }

    private static List<Block> FencedBlocks(string reply, IReadOnlySet<string> known)
    {
        string? PathIn(string text) => ReplyParser.PathIn(text, known);

        var blocks = new List<Block>();
        var lines = reply.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Fence().Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            var end = Array.FindIndex(lines, i + 1, l => l.TrimStart().StartsWith(open.Groups["fence"].Value, StringComparison.Ordinal) && l.Trim().Trim('`', '~').Length == 0);
            if (end < 0)
            {
                break; // an unclosed fence: the reply was cut off, its code is not whole
            }

            var info = open.Groups["info"].Value.Trim();
            var words = info.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var language = words.FirstOrDefault() ?? "";
            var path = words.Select(PathIn).FirstOrDefault(p => p is not null) ?? (i > 0 ? PathIn(lines[i - 1]) : null) ?? (i > 1 && lines[i - 1].Trim().Length == 0 ? PathIn(lines[i - 2]) : null);
            blocks.Add(new Block(language == "diff" || language == "patch" ? "diff" : language, path, string.Join('\n', lines[(i + 1)..end]) + "\n"));
            i = end;
        }

        return blocks;
    }

    private sealed record Block(string Info, string? Path, string Body);

    [GeneratedRegex(@"^\s*(?<fence>`{3,}|~{3,})(?<info>.*)$")]
    private static partial Regex Fence();

    // A path written the ways replies name files: `stats.py`, **src/a.py**, ### a.py, File: a.py.
    [GeneratedRegex(@"(?<path>(?:[\w.-]+/)*[\w-][\w.-]*\.[A-Za-z0-9]{1,6})(?=[`*""':\s]|$)")]
    private static partial Regex PathLike();
}
