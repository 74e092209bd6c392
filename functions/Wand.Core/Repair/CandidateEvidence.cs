namespace Wand.Repair;

/// <summary>
/// What the HTML report embeds of one candidate: its diff and the end of its log, both cut to
/// a size a page can hold. The whole blobs stay under <see cref="JobBlobNames"/>.
/// </summary>
/// <param name="Diff">The diff, or its first <see cref="MaxDiffChars"/> characters.</param>
/// <param name="LogTail">The log's last <see cref="MaxLogChars"/> characters: where the failure usually is.</param>
/// <param name="DiffCut">Characters of the diff left out at its end.</param>
/// <param name="LogCut">Characters of the log left out at its start.</param>
public sealed record CandidateEvidence(string Diff, string LogTail, int DiffCut, int LogCut)
{
    public const int MaxDiffChars = 16 * 1024;

    public const int MaxLogChars = 4 * 1024;

    public static CandidateEvidence Of(string? diff, string? log)
    {
        diff ??= "";
        log ??= "";
        var diffCut = Math.Max(0, diff.Length - MaxDiffChars);
        var logCut = Math.Max(0, log.Length - MaxLogChars);
        return new(diff[..(diff.Length - diffCut)], log[logCut..], diffCut, logCut);
    }
}
