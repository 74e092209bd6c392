using Microsoft.DurableTask;

namespace Wand.Plumbing;

/// <summary>
/// How the orchestrators retry a failed activity. Sandbox, storage and GitHub work waits out a
/// restart of the Docker daemon or of storage (or GitHub's passing 5xx): the load benchmark measured them away for 4.5 s and 14 s,
/// and three tries over 3 s failed a quarter of the jobs running at the time. An LLM call
/// already retries inside its activity (<see cref="Generation.LlmClient"/>), so a generation is
/// tried again only briefly: a wrong endpoint should fail a job soon, not after minutes.
/// </summary>
public static class ActivityRetries
{
    /// <summary>Five tries, 2, 4, 8 and 16 s apart: 30 s in all.</summary>
    public static TaskOptions Infrastructure { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(2), 2.0, TimeSpan.FromSeconds(16)));

    /// <summary>Three tries, 1 and 2 s apart.</summary>
    public static TaskOptions Generation { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(1), 2.0));
}
