using Wand.Plumbing;

namespace Wand.Health;

/// <summary>
/// <c>GET /api/health</c> and <c>GET /api/health/details</c>, the same in both hosts. The first is
/// anonymous and says only whether Wand works; the second, behind the key, has every check of
/// `wand doctor` (endpoints, deployment names, error text): what an operator needs and a
/// stranger should not see.
/// </summary>
public sealed class HealthApi(HealthChecker checker, TimeProvider clock)
{
    public const string Route = "/api/health";

    public const string DetailsRoute = "/api/health/details";

    // Anonymous callers share one run of the checks for this long: each run asks Docker and
    // storage, and a stranger calling in a loop must not make Wand do that in a loop.
    private static readonly TimeSpan StatusReuse = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private (Task<HealthReport> Run, DateTimeOffset Started)? _shared;

    /// <summary>200 <c>{"status":"healthy"}</c> or 503 <c>{"status":"unhealthy"}</c>, nothing else.</summary>
    public async Task<ApiAnswer> StatusAsync(CancellationToken cancellationToken) =>
        Answer(await SharedRunAsync().WaitAsync(cancellationToken), details: false);

    /// <summary>The status and every check, run now.</summary>
    public async Task<ApiAnswer> DetailsAsync(CancellationToken cancellationToken) =>
        Answer(await checker.RunAsync(cancellationToken), details: true);

    /// <summary>The one health shape: 200 or 503, the status, and the checks when asked for.</summary>
    public static ApiAnswer Answer(HealthReport report, bool details) =>
        new(report.Healthy ? 200 : 503, View(report, details));

    /// <summary>What `wand doctor --json` prints and the health routes answer.</summary>
    public static HealthView View(HealthReport report, bool details) =>
        new(report.Healthy ? HealthView.Healthy : HealthView.Unhealthy, details ? report.Checks : null);

    private Task<HealthReport> SharedRunAsync()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_shared is not { } shared || now - shared.Started > StatusReuse || shared.Run.IsFaulted)
            {
                // Not tied to one caller's request: a caller who hangs up does not cancel the others' answer.
                _shared = shared = (checker.RunAsync(CancellationToken.None), now);
            }

            return shared.Run;
        }
    }
}

/// <summary>The health answer: <c>healthy</c> or <c>unhealthy</c>, and, for those who may see them, the checks.</summary>
public sealed record HealthView(string Status, IReadOnlyList<CheckResult>? Checks = null)
{
    public const string Healthy = "healthy";

    public const string Unhealthy = "unhealthy";
}
