namespace Wand.Health;

/// <summary>
/// Runs every registered <see cref="IHealthCheck"/> concurrently; `wand doctor` and
/// <c>GET /api/health</c> both print what this returns.
/// </summary>
public sealed class HealthChecker(IEnumerable<IHealthCheck> checks)
{
    public async Task<HealthReport> RunAsync(CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(checks.Select(c => RunOneAsync(c, cancellationToken)));
        return new HealthReport(results.SelectMany(r => r).ToList());
    }

    private static async Task<IReadOnlyList<CheckResult>> RunOneAsync(IHealthCheck check, CancellationToken cancellationToken)
    {
        try
        {
            return await check.RunAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A check that breaks is a failed check, not a crashed doctor.
            return [new CheckResult(check.Name, CheckStatus.Failed, $"the check itself failed: {ex.Message}")];
        }
    }
}
