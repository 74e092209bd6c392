using System.Text.RegularExpressions;

namespace Wand.Sandbox;

/// <summary>
/// A test as the same test across runs: its name with what changes from run to run masked (a
/// GUID, a date or time, an object's address, a long number such as ticks), so that a theory
/// named by <c>DateTime.Now</c> or <c>Guid.NewGuid()</c>, or a pytest id with an object's repr,
/// is one test on every run. Short numbers stay: <c>case[1]</c> and <c>case[2]</c> are two tests.
/// </summary>
public static partial class TestIdentity
{
    public static string Of(string name) => Volatile().Replace(name, "#");

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
        + @"|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?:\s?[AP]M)?(?:Z|[+-]\d{2}:?\d{2})?)?"
        + @"|\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?"
        + @"|0x[0-9a-fA-F]{6,}"
        + @"|\d{6,}", RegexOptions.CultureInvariant)]
    private static partial Regex Volatile();
}
