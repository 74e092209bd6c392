using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Wand.Functions.Api;
using Wand.Health;

namespace Wand.Functions;

/// <summary>
/// <c>GET /api/health</c>, anonymous, for a load balancer or a deployment gate: 200
/// <c>{"status":"healthy"}</c> or 503 <c>{"status":"unhealthy"}</c> and nothing more.
/// <c>GET /api/health/details</c>, behind a function key: the checks of `wand doctor`, which name
/// endpoints, deployments and errors. Both over the same <see cref="HealthApi"/> as `wand serve`.
/// </summary>
public sealed class HealthFunction(HealthApi health)
{
    [Function(nameof(Health))]
    public async Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        RepairApiFunctions.ToResult(request, await health.StatusAsync(request.HttpContext.RequestAborted));

    [Function(nameof(HealthDetails))]
    public async Task<IActionResult> HealthDetails(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "health/details")] HttpRequest request) =>
        RepairApiFunctions.ToResult(request, await health.DetailsAsync(request.HttpContext.RequestAborted));
}
