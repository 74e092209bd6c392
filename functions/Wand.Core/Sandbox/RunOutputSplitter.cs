using System.Globalization;
using System.Text;

namespace Wand.Sandbox;

/// <summary>
/// Splits the stdout of a sandbox run into what the test command printed and what follows the
/// run's boundary line: <c>\n{boundary} {exit status} {oom kills} {timed out}\n</c> and then the tar of
/// <c>/work/.wand</c>. Only the test's own output counts against the output limit.
/// </summary>
internal sealed class RunOutputSplitter(string boundary, int keepBytes, int reportLimitBytes) : IOutputSink
{
    private readonly byte[] _marker = Encoding.ASCII.GetBytes($"\n{boundary} ");
    private readonly List<byte> _pending = [];
    private readonly CappedOutput _report = new(reportLimitBytes);

    public CappedOutput TestOutput { get; } = new(keepBytes);

    /// <summary>Whether the run got as far as its boundary line (the test command ended).</summary>
    public bool Ended { get; private set; }

    public int? ExitCode { get; private set; }

    public bool OomKilled { get; private set; }

    /// <summary>The watchdog inside the sandbox killed the test command at the time limit.</summary>
    public bool TimedOut { get; private set; }

    public long CountedBytes => TestOutput.TotalBytes + _pending.Count;

    /// <summary>The tar of the reports, once the run has ended.</summary>
    public ReadOnlyMemory<byte> ReportTar => _report.Bytes;

    public void Append(byte[] buffer, int count)
    {
        if (Ended)
        {
            _report.Append(buffer, count);
            return;
        }

        _pending.AddRange(buffer.AsSpan(0, count));
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pending);
        var at = span.IndexOf(_marker);
        if (at < 0)
        {
            // Everything that cannot be the start of the marker is test output.
            var safe = Math.Max(0, span.Length - _marker.Length + 1);
            TestOutput.Append([.. span[..safe]], safe);
            _pending.RemoveRange(0, safe);
            return;
        }

        var lineEnd = span[(at + _marker.Length)..].IndexOf((byte)'\n');
        if (lineEnd < 0)
        {
            return; // the rest of the boundary line is still on its way
        }

        TestOutput.Append([.. span[..at]], at);
        var fields = Encoding.ASCII.GetString(span.Slice(at + _marker.Length, lineEnd)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        ExitCode = fields.Length > 0 && int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : null;
        OomKilled = fields.Length > 1 && fields[1] != "0";
        TimedOut = fields.Length > 2 && fields[2] == "1";
        Ended = true;
        var rest = span[(at + _marker.Length + lineEnd + 1)..].ToArray();
        _report.Append(rest, rest.Length);
        _pending.Clear();
    }
}
