using System.Text;

namespace Wand.Sandbox;

/// <summary>Keeps the first <c>keepBytes</c> of a stream of output and counts the rest.</summary>
internal sealed class CappedOutput(int keepBytes) : IOutputSink
{
    private byte[] _kept = new byte[Math.Min(keepBytes, 64 * 1024)];
    private int _keptCount;

    public long TotalBytes { get; private set; }

    public long CountedBytes => TotalBytes;

    public bool Truncated => TotalBytes > _keptCount;

    public void Append(byte[] buffer, int count)
    {
        TotalBytes += count;
        var take = Math.Min(keepBytes - _keptCount, count);
        if (take <= 0)
        {
            return;
        }

        if (_keptCount + take > _kept.Length)
        {
            Array.Resize(ref _kept, Math.Min(keepBytes, Math.Max(_kept.Length * 2, _keptCount + take)));
        }

        Array.Copy(buffer, 0, _kept, _keptCount, take);
        _keptCount += take;
    }

    public ReadOnlyMemory<byte> Bytes => _kept.AsMemory(0, _keptCount);

    public override string ToString()
    {
        var text = Encoding.UTF8.GetString(_kept, 0, _keptCount);
        return Truncated ? $"{text}\n[wand: output truncated after {_keptCount:N0} of {TotalBytes:N0} bytes]" : text;
    }
}
