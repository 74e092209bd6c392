using System.Text;
using System.Text.RegularExpressions;

namespace Wand.Jobs;

/// <summary>
/// Matches job paths against the globs of <c>.wand.yml</c>'s <c>editable</c>: <c>*</c> within a
/// path segment, <c>**</c> across segments, <c>?</c> one character.
/// </summary>
public static class Glob
{
    public static bool IsMatch(string glob, string path) => ToRegex(glob).IsMatch(path);

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
