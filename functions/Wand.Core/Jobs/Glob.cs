using System.Text;
using System.Text.RegularExpressions;

namespace Wand.Jobs;

/// <summary>
/// Matches job paths against the globs of <c>.wand.yml</c>'s <c>editable</c>: <c>*</c> within a
/// path segment, <c>**</c> across segments, <c>?</c> one character.
/// </summary>
public static class Glob
{
    // A job's globs are few and matched against every file: each is made into a regex once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    public static bool IsMatch(string glob, string path) =>
        (Compiled.Count < 10_000 ? Compiled.GetOrAdd(glob, ToRegex) : ToRegex(glob)).IsMatch(path);

    private static Regex ToRegex(string glob)
    {
        var pattern = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            if (glob[i] == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var slash = i + 2 < glob.Length && glob[i + 2] == '/';
                pattern.Append(slash ? "(.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                pattern.Append(glob[i] switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    var c => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
