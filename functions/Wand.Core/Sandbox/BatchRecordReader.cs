using System.Formats.Tar;
using System.Globalization;
using System.Text;

namespace Wand.Sandbox;

/// <summary>Turns a variant's record (its status line and its tar) into its <see cref="SandboxResult"/>.</summary>
internal static class BatchRecordReader
{
    public static SandboxResult ToResult(BatchRecord record, LanguageProfile language, TimeSpan container)
    {
        var files = ReadFiles(record.Tar);
        var reports = RunReports.FromTar(files.GetValueOrDefault("wand.tar", []));
        var reason = RunVerdict.Of(record.TimedOut, reports.CompileFailed, record.OomKilled, record.ExitCode);
        return new SandboxResult(reason, reason == ExitReason.Timeout ? null : record.ExitCode, reports.Tests(language), reports.Diagnostics(language),
            Output(files, "stdout"), Output(files, "stderr"), new SandboxTimings(container, record.Run));
    }

    private static string Output(Dictionary<string, byte[]> files, string name)
    {
        var text = Encoding.UTF8.GetString(files.GetValueOrDefault(name, []));
        var more = files.TryGetValue(name + ".more", out var count)
            && long.TryParse(Encoding.ASCII.GetString(count).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return more > 0 ? $"{text}\n[wand: output truncated after {Encoding.UTF8.GetByteCount(text):N0} bytes]" : text;
    }

    private static Dictionary<string, byte[]> ReadFiles(byte[] tar)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            using var reader = new TarReader(new MemoryStream(tar));
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                {
                    using var copy = new MemoryStream();
                    entry.DataStream?.CopyTo(copy);
                    files[entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name] = copy.ToArray();
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException)
        {
            // The record's size was announced by the script itself; a bad tar still yields what precedes the damage.
        }

        return files;
    }
}
