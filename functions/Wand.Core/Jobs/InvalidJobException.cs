using System.Text;

namespace Wand.Jobs;

/// <summary>
/// A job that cannot be run as given (bad folder, bad settings, bad file paths, over a limit).
/// The message names the problem; it is raised before any container exists.
/// </summary>
public sealed class InvalidJobException(string message) : Exception(message)
{
    private const int QuotedLength = 100;

    /// <summary>
    /// <paramref name="text"/> from the job (a path, a glob, a value) as an error message may
    /// show it: in single quotes, control characters escaped and at most 100 characters, so that
    /// the message stays one short line whatever the caller sent.
    /// </summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder("'");
        foreach (var c in text.Length > QuotedLength ? text[..QuotedLength] : text)
        {
            quoted.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c);
        }

        return quoted.Append(text.Length > QuotedLength ? "...'" : "'").ToString();
    }
}
