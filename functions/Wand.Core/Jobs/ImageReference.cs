using System.Text.RegularExpressions;

namespace Wand.Jobs;

/// <summary>The shape of a Docker image reference (<c>[registry/]name[:tag][@digest]</c>), as the distribution grammar allows it.</summary>
public static partial class ImageReference
{
    public const int MaxLength = 255;

    public static bool IsValid(string reference) => reference.Length <= MaxLength && Pattern().IsMatch(reference);

    [GeneratedRegex(@"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
