using Wand.Sandbox;

namespace Wand.Search;

/// <summary>
/// A search candidate's time limits, from what its parent's run measured, so that a candidate that
/// loops costs seconds, not the job's whole limit: the run's (a few times the parent's, never above
/// the job's) and one test's (a few times the parent's slowest test that ended by itself, failing
/// as well as passing, since a test that sleeps 2 s and then fails takes 2 s when fixed; with a
/// floor; pytest applies it, and stops the run at the first test past it). A test past its own limit is a hang; a run
/// past its limit while every test it reported passed is slow, and runs again with the job's.
/// A parent that ran out of time measured only the tests that finished, in its run and in its
/// traced run: its candidates get <see cref="HungParentRun"/>.
/// </summary>
public sealed record CandidateTimeLimits(TimeSpan Run, TimeSpan? Test)
{
    /// <summary>The least limit of one test: a test that took milliseconds may take longer on a busy machine.</summary>
    public static readonly TimeSpan TestFloor = TimeSpan.FromSeconds(2);

    /// <summary>A run's limit when its parent's ran out of time (capped by the job's).</summary>
    public static readonly TimeSpan HungParentRun = TimeSpan.FromSeconds(20);

    /// <summary>How many times the parent's slowest test one test of a candidate may take.</summary>
    public const int TestFactor = 5;

    /// <param name="parent">The parent's run.</param>
    /// <param name="traced">The parent's traced run (Python's per-test coverage), which times the tests that finish when the parent's run did not; null when there was none.</param>
    public static CandidateTimeLimits Of(SandboxResult parent, TimeSpan job, SandboxResult? traced = null)
    {
        var timedOut = parent.RanOutOfTime;
        var run = timedOut ? HungParentRun : TimeSpan.FromSeconds(Math.Ceiling((parent.Timings.Run.TotalSeconds * 2) + 1));
        run = run < job ? run : job;
        var timed = parent.EndedByThemselves.Concat(timedOut ? traced?.EndedByThemselves ?? [] : []).ToList();
        var slowest = timed.Count == 0 ? TimeSpan.Zero : timed.Max(t => t.Duration);
        var test = slowest * TestFactor > TestFloor ? slowest * TestFactor : TestFloor;
        // A test limit no shorter than the run's would never stop a test first.
        return new CandidateTimeLimits(run, test < run ? test : null);
    }

    /// <summary>
    /// A candidate may be slow, not hung, and runs again with the job's whole limit and no limit per
    /// test: stopped at its run's limit while every test it had reported passed (a fix may run more
    /// than its parent did: a runner that stops at the first failure, cargo skipping doctests, ran
    /// less of the suite), or failing only by a test's limit while passing more tests than the
    /// original did (a fix of code that failed fast may make a test as slow as it was meant to be).
    /// </summary>
    public bool SlowNotHung(SandboxResult result, TimeSpan jobTimeout, int originalPassed) =>
        (Run < jobTimeout || Test is not null) && result.RanOutOfTime && result.FailedOnlyByTimeLimits
        && ((result.Reason == ExitReason.Timeout && result.Passed > 0) || result.Passed > originalPassed);
}
