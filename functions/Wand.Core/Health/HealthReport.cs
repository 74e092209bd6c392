namespace Wand.Health;

/// <summary>Everything the doctor found. Healthy when no required check failed.</summary>
public sealed record HealthReport(IReadOnlyList<CheckResult> Checks)
{
    public bool Healthy => !Checks.Any(c => c.Required && c.Status == CheckStatus.Failed);
}
