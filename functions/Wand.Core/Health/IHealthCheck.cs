namespace Wand.Health;

/// <summary>A check the doctor runs. One check may report several lines (one per image, say).</summary>
public interface IHealthCheck
{
    /// <summary>The name used when the check itself throws.</summary>
    string Name { get; }

    Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken);
}
