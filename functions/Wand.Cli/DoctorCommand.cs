using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Wand.Health;
using Wand.Plumbing;

namespace Wand.Cli;

/// <summary>`wand doctor`: one line per check, with what to do when it is not ok.</summary>
public sealed class DoctorCommand(IServiceProvider services, TextWriter stdout)
{
    public async Task<int> RunAsync(bool json, CancellationToken cancellationToken)
    {

        var report = await services.GetRequiredService<HealthChecker>().RunAsync(cancellationToken);
        if (json)
        {
            // The shape of GET /api/health/details.
            await stdout.WriteLineAsync(JsonSerializer.Serialize(HealthApi.View(report, details: true), WandJson.Options));
        }
        else
        {
            await WriteTextAsync(report);
        }

        return report.Healthy ? ExitCodes.Success : ExitCodes.Failure;
    }

    private async Task WriteTextAsync(HealthReport report)
    {
        var width = report.Checks.Max(c => c.Name.Length);
        foreach (var check in report.Checks)
        {
            var status = check.Status switch
            {
                CheckStatus.Ok => "ok  ",
                CheckStatus.Warning => "warn",
                _ => check.Required ? "FAIL" : "warn",
            };
            await stdout.WriteLineAsync($"{status}  {check.Name.PadRight(width)}  {check.Detail}");
            if (check.Status != CheckStatus.Ok && check.Fix is not null)
            {
                await stdout.WriteLineAsync($"      {new string(' ', width)}  fix: {check.Fix}");
            }
        }

        var failed = report.Checks.Count(c => c.Required && c.Status == CheckStatus.Failed);
        await stdout.WriteLineAsync(failed == 0
            ? "All required checks pass."
            : $"{failed} required check{(failed == 1 ? "" : "s")} failed.");
    }
}
