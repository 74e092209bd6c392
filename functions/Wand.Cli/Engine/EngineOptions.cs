namespace Wand.Cli.Engine;

/// <summary>Which Durable Task backend `wand` runs its orchestrations on.</summary>
public enum EngineBackend
{
    /// <summary>DurableTask.AzureStorage over Wand's storage account: survives a crash, shared by every process on the account.</summary>
    AzureStorage,

    /// <summary>The SDK's in-memory engine: nothing outlives the process.</summary>
    InMemory,
}

/// <summary>
/// `wand`'s Durable Task engine. Bound from <c>Wand:Engine</c>. The defaults make a crashed
/// `wand serve` lose nothing and let several processes on one storage account share the work.
/// </summary>
public sealed class EngineOptions
{
    public const string SectionName = "Wand:Engine";

    public EngineBackend Backend { get; set; } = EngineBackend.AzureStorage;

    /// <summary>
    /// The task hub: the processes that name the same hub on the same account share its work.
    /// Letters and digits, 3 to 45, starting with a letter (its tables and queues are named after it).
    /// </summary>
    public string TaskHub { get; set; } = "wand";

    /// <summary>
    /// This engine among the hub's workers. Two live engines must not share one (both would own
    /// every partition); unset, it is the machine's name, the process id and a random part. An
    /// engine restarted under its old id takes its partitions back at once, instead of after
    /// their leases run out (about 40 s).
    /// </summary>
    public string? WorkerId { get; set; }

    /// <summary>
    /// How long a message taken by a process that then died stays hidden before another takes it:
    /// the time a crashed process's work waits. A live process keeps its activities' messages hidden
    /// for as long as they run.
    /// </summary>
    public TimeSpan MessageVisibility { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest an idle process waits between looks at the hub's queues (work another process adds waits up to this).</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many processes at most share the orchestrations (activities are shared by any number). Fixed when the hub is created.</summary>
    public int Partitions { get; set; } = 4;

    /// <summary>The worker id to use: the configured one, or a new one no other engine has (two hosts in one process are two engines).</summary>
    public string NewWorkerId() => string.IsNullOrWhiteSpace(WorkerId) ? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}" : WorkerId;

    /// <summary>What is wrong with these options, or null.</summary>
    public string? Problem()
    {
        if (TaskHub.Length is < 3 or > 45 || !char.IsAsciiLetter(TaskHub[0]) || !TaskHub.All(char.IsAsciiLetterOrDigit))
        {
            return $"{SectionName}:{nameof(TaskHub)} '{TaskHub}' must be 3 to 45 letters and digits, starting with a letter";
        }

        if (MessageVisibility < TimeSpan.FromSeconds(10) || MessageVisibility > TimeSpan.FromHours(1))
        {
            return $"{SectionName}:{nameof(MessageVisibility)} must be between 10 s and 1 hour";
        }

        if (MaxPollingInterval < TimeSpan.FromMilliseconds(100) || MaxPollingInterval > TimeSpan.FromSeconds(30))
        {
            return $"{SectionName}:{nameof(MaxPollingInterval)} must be between 0.1 and 30 s";
        }

        return Partitions is < 1 or > 16 ? $"{SectionName}:{nameof(Partitions)} must be 1 to 16" : null;
    }
}
