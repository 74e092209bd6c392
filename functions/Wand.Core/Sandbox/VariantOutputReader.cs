using System.Globalization;
using System.Text;

namespace Wand.Sandbox;

/// <summary>What the runner said about one variant (see <see cref="RunScript"/>).</summary>
/// <param name="OutputCapped">It wrote more than the output limit and was stopped.</param>
internal sealed record VariantRecord(int Index, int ExitCode, bool OomKilled, bool TimedOut, TimeSpan Run, bool OutputCapped, byte[] Stdout, byte[] Stderr, byte[] ReportTar);

/// <summary>
/// Reads a run's stdout: records framed by <c>\n{boundary} {index} {status} {oom} {timed out} {ms} {capped} {stdout} {stderr} {reports}\n</c>
/// and then those many bytes of each, then <c>\n{boundary} end\n</c>, or <c>\n{boundary} stop {index}\n</c>
/// when the variants from that index on must run in another container. Only the runner writes
/// this stream (candidates cannot reach it); bytes outside records (there should be none) are
/// kept as the run's own output and count against the output limit;
/// a record larger than <paramref name="maxRecordBytes"/> means the stream cannot be trusted,
/// and nothing after it is read.
/// </summary>
internal sealed class VariantOutputReader(string boundary, int variantCount, int maxRecordBytes) : IOutputSink
{
    private readonly byte[] _marker = Encoding.ASCII.GetBytes($"\n{boundary} ");
    private readonly List<byte> _pending = [];
    private readonly Dictionary<int, VariantRecord> _records = [];
    private string[]? _header;
    private byte[]? _body;
    private int _bodyFilled;

    /// <summary>What the script printed outside records.</summary>
    public CappedOutput Stray { get; } = new(16 * 1024);

    /// <summary>The script got to its last line: every variant that could report has.</summary>
    public bool Ended { get; private set; }

    /// <summary>A record did not parse or was too large; the rest of the stream was dropped.</summary>
    public bool Broken { get; private set; }

    public IReadOnlyDictionary<int, VariantRecord> Records => _records;

    /// <summary>The runner stopped before this variant: the container was not clean enough to run it.</summary>
    public int? StoppedAt { get; private set; }

    public long CountedBytes => Stray.TotalBytes + (_body is null ? _pending.Count : 0);

    public void Append(byte[] buffer, int count)
    {
        var offset = 0;
        while (offset < count && !Broken)
        {
            if (_body is not null)
            {
                var take = Math.Min(count - offset, _body.Length - _bodyFilled);
                Array.Copy(buffer, offset, _body, _bodyFilled, take);
                _bodyFilled += take;
                offset += take;
                if (_bodyFilled == _body.Length)
                {
                    Complete(_header!, _body);
                    _body = null;
                }

                continue;
            }

            // Header scanning works a byte at a time: headers are short and records are few.
            _pending.Add(buffer[offset++]);
            ScanPending();
        }
    }

    private void ScanPending()
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pending);
        var at = span.IndexOf(_marker);
        if (at < 0)
        {
            if (span.Length >= _marker.Length)
            {
                // Not the start of a header: the script's own output.
                Stray.Append([span[0]], 1);
                _pending.RemoveAt(0);
            }

            return;
        }

        if (span[^1] != (byte)'\n' || span.Length == at + _marker.Length)
        {
            if (span.Length - at > 200)
            {
                Broken = true; // no header is this long
            }

            return;
        }

        var fields = Encoding.ASCII.GetString(span[(at + _marker.Length)..^1]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        _pending.Clear();
        if (fields is ["end"])
        {
            Ended = true;
            return;
        }

        if (fields is ["stop", var stopField])
        {
            Broken = !TryParse(stopField, out var index) || index < 1 || index >= variantCount;
            StoppedAt = Broken ? null : index;
            Ended = !Broken;
            return;
        }

        var sizes = fields.Skip(6).Select(f => int.TryParse(f, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToArray();
        var length = sizes.Sum(n => (long)n);
        if (fields.Length != 9 || sizes.Any(n => n < 0) || length > maxRecordBytes)
        {
            Broken = true;
            return;
        }

        _header = fields;
        if (length == 0)
        {
            Complete(fields, []);
            return;
        }

        _body = new byte[(int)length];
        _bodyFilled = 0;
    }

    private void Complete(string[] fields, byte[] body)
    {
        var stdout = int.Parse(fields[6], CultureInfo.InvariantCulture);
        var stderr = int.Parse(fields[7], CultureInfo.InvariantCulture);
        if (!TryParse(fields[0], out var index) || index < 0 || index >= variantCount
            || !TryParse(fields[1], out var status) || !TryParse(fields[4], out var milliseconds))
        {
            Broken = true;
            return;
        }

        _records[index] = new VariantRecord(index, status, fields[2] != "0", fields[3] == "1", TimeSpan.FromMilliseconds(milliseconds), fields[5] == "1",
            body[..stdout], body[stdout..(stdout + stderr)], body[(stdout + stderr)..]);
    }

    private static bool TryParse(string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
