using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Wand.Jobs;
using Wand.Plumbing;
using Wand.Sandbox;
using Wand.Trust;

namespace Wand.Cli;

/// <summary>`wand run FOLDER`: the folder's tests, as they are, in a sandbox.</summary>
public sealed class RunCommand(IServiceProvider services, TextWriter stdout)
{
    public async Task<int> RunAsync(string folder, string? language, bool asJson, CancellationToken cancellationToken)
    {
        var job = JobFolder.Load(folder, language, services.GetRequiredService<JobFolderLimits>());
        SandboxResult result;
        using (asJson ? null : new EnvironmentProgress(services, stdout, ""))
        {
            result = await services.GetRequiredService<SandboxRunner>().RunAsync(job, cancellationToken);
        }

        // Code that reaches for the run's own files or a test framework's signs is not believed, whatever its tests say.
        var tampered = TestGamingCheck.OfCode(job);
        if (asJson)
        {
            var json = JsonSerializer.SerializeToNode(result, WandJson.Options)!.AsObject();
            json["tampered"] = JsonSerializer.SerializeToNode(tampered, WandJson.Options);
            await stdout.WriteLineAsync(json.ToJsonString(WandJson.Options));
        }
        else
        {
            await WriteTextAsync(folder, job, result);
            foreach (var finding in tampered)
            {
                await stdout.WriteLineAsync($"  tampered: {finding}");
            }
        }

        return result.AllPassed && tampered.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private async Task WriteTextAsync(string folder, Job job, SandboxResult result)
    {
        await stdout.WriteLineAsync($"{folder} ({job.Language.Name}): {result.Tests.Count} tests, {result.Passed} passed, {result.Failed} failed; {result.Reason.Describe()} in {result.Duration.TotalSeconds:F1} s");
        foreach (var test in result.Tests)
        {
            var mark = test.Outcome switch
            {
                TestOutcome.Passed => "PASS",
                TestOutcome.Skipped => "SKIP",
                _ => "FAIL",
            };
            await stdout.WriteLineAsync($"  {mark}  {test.Name}");
            if (test.Outcome is TestOutcome.Failed or TestOutcome.Error && test.Message is not null)
            {
                foreach (var line in test.Message.Split('\n').Take(12))
                {
                    await stdout.WriteLineAsync($"        {line}");
                }
            }
        }

        foreach (var d in result.Diagnostics)
        {
            await stdout.WriteLineAsync($"  {d.Severity}  {d.File}:{d.Line}:{d.Column}: {d.Message}");
        }

        if (result.Advice is { } advice)
        {
            await stdout.WriteLineAsync($"  {advice}");
        }

        if (result.Tests.Count == 0 && result.Diagnostics.Count == 0)
        {
            // No report: the output is all the evidence there is.
            await stdout.WriteLineAsync(result.Stdout.TrimEnd());
            await stdout.WriteLineAsync(result.Stderr.TrimEnd());
        }
    }

}
