using Microsoft.DurableTask.Client;

namespace Wand.Plumbing;

/// <summary>One page of a listing of the HTTP API, and the token for the next (null on the last).</summary>
public sealed record InstancePage<T>(IReadOnlyList<T> Items, string? ContinuationToken);

/// <summary>
/// Pages of the engine's instances for the listings of the HTTP API, with the engine's own
/// continuation token passed through as it is. A page holds at most the size asked for and can
/// hold fewer: instances of other kinds are left out of it.
/// </summary>
public static class InstancePages
{
    public const int DefaultSize = 100;
    public const int MaxSize = 1000;

    /// <summary>The page size a caller asked for (the default when none), or the problem with it.</summary>
    public static (int Size, string? Problem) SizeOf(string? asked) =>
        asked is null ? (DefaultSize, null)
        : int.TryParse(asked, System.Globalization.CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= MaxSize ? (size, null)
        : (0, $"pageSize '{asked}' must be a whole number from 1 to {MaxSize}");

    /// <summary>Reads the page that <paramref name="continuationToken"/> points at (the first when null), keeping what <paramref name="select"/> turns into an item.</summary>
    public static async Task<InstancePage<T>> ReadAsync<T>(
        DurableTaskClient client, OrchestrationQuery query, string? continuationToken, int size, Func<OrchestrationMetadata, T?> select, CancellationToken cancellationToken)
    {
        await foreach (var page in client.GetAllInstancesAsync(query with { PageSize = size, ContinuationToken = continuationToken })
            .AsPages(continuationToken, size).WithCancellation(cancellationToken))
        {
            var items = page.Values.Select(select).Where(i => i is not null).Select(i => i!).ToList();
            return new InstancePage<T>(items, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }

        return new InstancePage<T>([], null);
    }
}
