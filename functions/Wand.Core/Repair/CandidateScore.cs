using Wand.Sandbox;

namespace Wand.Repair;

/// <summary>
/// What ranking looks at in an evaluated candidate, in order: it is not caught gaming the
/// tests, every test passes, more tests pass, it compiles, a smaller diff, a faster run. Higher
/// ranks first.
/// </summary>
public sealed record CandidateScore(bool AllPassed, int Passed, bool Compiles, int ChangedLines, TimeSpan Duration, bool Suspicious = false) : IComparable<CandidateScore>
{
    public static CandidateScore Of(SandboxResult result, int changedLines) => new(
        result.AllPassed, result.Passed, result.Reason != ExitReason.CompileError, changedLines, result.Duration);

    public static bool operator <(CandidateScore left, CandidateScore right) => left.CompareTo(right) < 0;

    public static bool operator <=(CandidateScore left, CandidateScore right) => left.CompareTo(right) <= 0;

    public static bool operator >(CandidateScore left, CandidateScore right) => left.CompareTo(right) > 0;

    public static bool operator >=(CandidateScore left, CandidateScore right) => left.CompareTo(right) >= 0;

    /// <summary>Negative when this candidate ranks before <paramref name="other"/>.</summary>
    public int CompareTo(CandidateScore? other)
    {
        if (other is null)
        {
            return -1;
        }

        int c;
        if ((c = Suspicious.CompareTo(other.Suspicious)) != 0 || (c = other.AllPassed.CompareTo(AllPassed)) != 0 || (c = other.Passed.CompareTo(Passed)) != 0
            || (c = other.Compiles.CompareTo(Compiles)) != 0 || (c = ChangedLines.CompareTo(other.ChangedLines)) != 0)
        {
            return c;
        }

        return Duration.CompareTo(other.Duration);
    }
}
