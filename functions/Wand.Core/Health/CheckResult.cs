namespace Wand.Health;

public enum CheckStatus
{
    Ok,
    Warning,
    Failed,
}

/// <summary>One line of the doctor's report: what was checked, how it went, and what to do about it.</summary>
/// <param name="Name">Short name of the thing checked, e.g. <c>docker</c> or <c>image python</c>.</param>
/// <param name="Status">Ok, a warning that does not stop Wand, or a failure.</param>
/// <param name="Detail">What was found, in one line.</param>
/// <param name="Fix">What to do when the status is not Ok.</param>
/// <param name="Required">Whether a failure makes the whole report unhealthy.</param>
public sealed record CheckResult(string Name, CheckStatus Status, string Detail, string? Fix = null, bool Required = true);
