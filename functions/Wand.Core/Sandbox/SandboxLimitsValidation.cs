using System.Globalization;
using Microsoft.Extensions.Options;

namespace Wand.Sandbox;

/// <summary>
/// Refuses sandbox limits that would not limit: Docker reads a memory, CPU or pids limit of 0
/// as "none", and a negative size or count means nothing; and an environment registry that is
/// not a registry's repository, or half its credentials. Each is named with its setting.
/// </summary>
public sealed class SandboxLimitsValidation : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        void AtLeast(string setting, double value, double minimum)
        {
            if (double.IsNaN(value) || value < minimum)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{SandboxOptions.SectionName}:{setting} is {value}; it must be at least {minimum} (0 or less would leave the sandbox without that limit)"));
            }
        }

        AtLeast(nameof(options.MemoryMegabytes), options.MemoryMegabytes, 64);
        AtLeast(nameof(options.Cpus), options.Cpus, 0.01);
        AtLeast(nameof(options.PidsLimit), options.PidsLimit, 16);
        AtLeast(nameof(options.WorkDirMegabytes), options.WorkDirMegabytes, 1);
        AtLeast(nameof(options.TmpMegabytes), options.TmpMegabytes, 1);
        AtLeast(nameof(options.OutputLimitBytes), options.OutputLimitBytes, 1024);
        AtLeast(nameof(options.MaxConcurrentRuns), options.MaxConcurrentRuns, 1);
        AtLeast(nameof(options.WarmContainersPerImage), options.WarmContainersPerImage, 0);
        AtLeast(nameof(options.DockerApiTimeout) + " (seconds)", options.DockerApiTimeout.TotalSeconds, 1);
        AtLeast(nameof(options.MaxMemoryMegabytes), options.MaxMemoryMegabytes, 64);
        AtLeast(nameof(options.MaxCpus), options.MaxCpus, 0.01);
        AtLeast(nameof(options.SetupMemoryMegabytes), options.SetupMemoryMegabytes, 256);
        AtLeast(nameof(options.SetupCpus), options.SetupCpus, 0.01);
        AtLeast(nameof(options.SetupTimeout) + " (seconds)", options.SetupTimeout.TotalSeconds, 1);
        if (string.IsNullOrWhiteSpace(options.SetupNetwork) || options.SetupNetwork == "none")
        {
            problems.Add($"{SandboxOptions.SectionName}:{nameof(options.SetupNetwork)} must name a Docker network (such as bridge): a setup installs from its registries");
        }

        problems.AddRange(EnvironmentRegistry.Problems(options));
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
