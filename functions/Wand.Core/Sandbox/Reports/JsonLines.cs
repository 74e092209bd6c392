using System.Text.Json;

namespace Wand.Sandbox.Reports;

/// <summary>Reads a stream of one JSON object per line, as test runners write their events.</summary>
internal static class JsonLines
{
    /// <summary>Each line that reads as <typeparamref name="T"/>; other lines (a runner's plain text) are skipped.</summary>
    public static IEnumerable<T> Read<T>(string stream)
        where T : class
    {
        foreach (var line in stream.Split('\n'))
        {
            if (!line.StartsWith('{'))
            {
                continue;
            }

            T? item;
            try
            {
                item = JsonSerializer.Deserialize<T>(line);
            }
            catch (JsonException)
            {
                continue;
            }

            if (item is not null)
            {
                yield return item;
            }
        }
    }
}
