using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Wand.Retention;

namespace Wand.Functions;

/// <summary>Retention in the Functions app: a <see cref="RetentionSweep"/> every hour, at 17 minutes past.</summary>
public sealed class RetentionFunction(RetentionSweep sweep, TimeProvider time)
{
    [Function("RetentionSweep")]
    public async Task Run([TimerTrigger("0 17 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await sweep.SweepAsync(client, time.GetUtcNow(), cancellationToken);
}
