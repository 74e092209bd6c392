using DurableTask.Core.History;

namespace Wand.Cli.Engine;

/// <summary>History events and messages in the forms storage can write and read back.</summary>
internal static class StorableHistory
{
    /// <summary>Replaces, in place, events storage cannot read back (the list is compared by reference elsewhere).</summary>
    public static void Fix(IList<HistoryEvent>? events)
    {
        if (events is null)
        {
            return;
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is SubOrchestrationInstanceCreatedEvent created && created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
            {
                events[i] = new SubOrchestrationInstanceCreatedEvent(created.EventId)
                {
                    Name = created.Name,
                    Version = created.Version,
                    InstanceId = created.InstanceId,
                    Input = created.Input,
                    Tags = Plain(created.Tags),
                    ClientSpanId = created.ClientSpanId,
                    Timestamp = created.Timestamp,
                    IsPlayed = created.IsPlayed,
                };
            }
            else
            {
                FixTags(events[i]);
            }
        }
    }

    public static void FixTags(HistoryEvent? e)
    {
        switch (e)
        {
            case ExecutionStartedEvent started:
                started.Tags = Plain(started.Tags);
                break;
            case TaskScheduledEvent scheduled:
                scheduled.Tags = Plain(scheduled.Tags);
                break;
            case SubOrchestrationInstanceCreatedEvent created:
                created.Tags = Plain(created.Tags);
                break;
        }
    }

    private static IDictionary<string, string>? Plain(IDictionary<string, string>? tags) =>
        tags is null or Dictionary<string, string> ? tags : new Dictionary<string, string>(tags, StringComparer.Ordinal);
}
