using Microsoft.DurableTask;

namespace Wand.Plumbing;

/// <summary>A pipeline activity as a Durable Task activity; the worker builds it with DI, so <typeparamref name="TActivity"/> comes from the container.</summary>
public sealed class DurableActivity<TActivity, TInput, TOutput>(TActivity activity) : TaskActivity<TInput, TOutput>
    where TActivity : IWandActivity<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => activity.RunAsync(input, CancellationToken.None);
}
