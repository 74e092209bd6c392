using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Wand.Health;

namespace Wand.Functions;

/// <summary>
/// <c>GET /api/health</c>: the checks of `wand doctor`, as JSON. 200 when every required check
/// passes, 503 otherwise, so a load balancer or a deployment gate can use it as it is.
/// </summary>
public sealed class HealthFunction(HealthChecker checker)
{
    [Function(nameof(Health))]
    public async Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request)
    {
        var report = await checker.RunAsync(request.HttpContext.RequestAborted);
        return ToResult(report);
    }

    public static ContentResult ToResult(HealthReport report) => new()
    {
        StatusCode = report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
        ContentType = "application/json",
        Content = JsonSerializer.Serialize(new { healthy = report.Healthy, checks = report.Checks }, WandJson.Options),
    };
}
