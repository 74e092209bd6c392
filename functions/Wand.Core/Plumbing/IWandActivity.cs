namespace Wand.Plumbing;

/// <summary>
/// An activity of the repair pipeline: a plain class from DI with one method. Each host adapts
/// it: `wand` through <see cref="DurableActivity{TActivity, TInput, TOutput}"/>, the Functions
/// app through an <c>[ActivityTrigger]</c> method. Activities run at least once, so each is
/// idempotent: it writes the same blobs under the same names when run again.
/// </summary>
public interface IWandActivity<in TInput, TOutput>
{
    Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken);
}
