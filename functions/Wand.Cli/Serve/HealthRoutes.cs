using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Wand.Health;

namespace Wand.Cli.Serve;

/// <summary>
/// `wand serve`'s health routes, the Functions app's over the same <see cref="HealthApi"/>: the
/// status for anyone serve answers, the checks behind the key (with no key, anyone on this
/// machine, who could run `wand doctor` as well).
/// </summary>
public static class HealthRoutes
{
    public static IEndpointRouteBuilder MapHealthRoutes(this IEndpointRouteBuilder app)
    {
        app.MapGet(HealthApi.Route, async (HealthApi health, CancellationToken ct) => RepairRoutes.ToResult(await health.StatusAsync(ct)))
            .WithMetadata(RouteAccess.Anonymous);
        app.MapGet(HealthApi.DetailsRoute, async (HealthApi health, CancellationToken ct) => RepairRoutes.ToResult(await health.DetailsAsync(ct)))
            .WithMetadata(RouteAccess.Key);
        return app;
    }
}
