using Microsoft.DurableTask;
using Wand.Telemetry;

namespace Wand.Plumbing;

/// <summary>A pipeline activity as a Durable Task activity; the worker builds it with DI, so <typeparamref name="TActivity"/> comes from the container.</summary>
public sealed class DurableActivity<TActivity, TInput, TOutput>(TActivity activity) : TaskActivity<TInput, TOutput>
    where TActivity : IWandActivity<TInput, TOutput>
{
    public override async Task<TOutput> RunAsync(TaskActivityContext context, TInput input)
    {
        // The Functions host traces its own invocations; `wand` has only this.
        using var span = WandTelemetry.StartTask(context.Name.Name, context.InstanceId);
        return await activity.RunAsync(input, CancellationToken.None);
    }
}
