namespace Wand.Search;

/// <summary>
/// The edits of several parents, merged by weight: a strong edit of the second parent runs
/// before a weak one of the first. Each parent's candidates come lazily, best first.
/// </summary>
internal sealed class EditQueue
{
    private readonly PriorityQueue<(int Parent, SearchCandidate Candidate), double> _queue = new();
    private readonly List<IEnumerator<SearchCandidate>> _parents = [];

    public void AddParent(IEnumerable<SearchCandidate> candidates)
    {
        _parents.Add(candidates.GetEnumerator());
        Advance(_parents.Count - 1);
    }

    /// <summary>The heaviest candidate left, with the index of the parent it is an edit of.</summary>
    public bool TryTake(out int parent, out SearchCandidate candidate)
    {
        if (!_queue.TryDequeue(out var next, out _))
        {
            (parent, candidate) = (-1, null!);
            return false;
        }

        Advance(next.Parent);
        (parent, candidate) = next;
        return true;
    }

    private void Advance(int parent)
    {
        if (_parents[parent].MoveNext())
        {
            _queue.Enqueue((parent, _parents[parent].Current), -_parents[parent].Current.Weight);
        }
    }
}
