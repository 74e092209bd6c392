using Wand.Jobs;

namespace Wand.Sandbox;

/// <summary>
/// Runs a job's tests in isolation: <see cref="SandboxRunner"/> in both hosts. The seam exists
/// so the orchestration-overhead benchmark can put an instant sandbox in its place.
/// </summary>
public interface ISandbox
{
    Task<SandboxResult> RunAsync(Job job, CancellationToken cancellationToken);

    /// <summary>Runs every variant of a run, each with its own limit and result (in the run's order).</summary>
    Task<IReadOnlyList<SandboxResult>> RunVariantsAsync(SandboxVariants run, CancellationToken cancellationToken);
}
