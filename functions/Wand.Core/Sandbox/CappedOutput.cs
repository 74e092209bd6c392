using System.Text;

namespace Wand.Sandbox;

/// <summary>
/// Keeps the first bytes of a stream of output (up to <c>limit</c>, and at most 64 KB: what
/// a person or an LLM reads of a log) and counts the rest.
/// </summary>
internal sealed class CappedOutput(int limit)
{
    private readonly byte[] _kept = new byte[Math.Min(limit, 64 * 1024)];
    private int _keptCount;

    public long TotalBytes { get; private set; }

    public bool Exceeded => TotalBytes > limit;

    public void Append(byte[] buffer, int count)
    {
        TotalBytes += count;
        var take = Math.Min(Math.Min(limit, _kept.Length) - _keptCount, count);
        if (take > 0)
        {
            Array.Copy(buffer, 0, _kept, _keptCount, take);
            _keptCount += take;
        }
    }

    public override string ToString()
    {
        var text = Encoding.UTF8.GetString(_kept, 0, _keptCount);
        return Exceeded ? $"{text}\n[wand: output truncated after {limit:N0} of {TotalBytes:N0} bytes]" : text;
    }
}
