using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Wand.Benchmarks;

/// <summary>Timings of one way of doing the work, with the percentiles we report.</summary>
public sealed record Measurement(string Name, IReadOnlyList<TimeSpan> Samples)
{
    public TimeSpan P50 => Percentile(0.50);

    public TimeSpan P95 => Percentile(0.95);

    /// <param name="between">Untimed work before each timed run (e.g. letting background work settle).</param>
    public static async Task<Measurement> TimeAsync(string name, int iterations, Func<Task> action, Func<Task>? between = null)
    {
        await action(); // warm-up: first-use costs (JIT, page cache) are not what we measure
        var samples = new List<TimeSpan>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            if (between is not null)
            {
                await between();
            }

            var clock = Stopwatch.StartNew();
            await action();
            samples.Add(clock.Elapsed);
        }

        return new Measurement(name, samples);
    }

    private TimeSpan Percentile(double p)
    {
        var sorted = Samples.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}

/// <summary>Measurements against the first one, the baseline.</summary>
public sealed record RatioTable(string Title, IReadOnlyList<Measurement> Rows)
{
    public string Render()
    {
        var baseline = Rows[0];
        var text = new StringBuilder().AppendLine(Title)
            .AppendLine(CultureInfo.InvariantCulture, $"{"",-28} {"p50 ms",8} {"p95 ms",8} {"p50 / baseline",15}");
        foreach (var row in Rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{row.Name,-28} {row.P50.TotalMilliseconds,8:F0} {row.P95.TotalMilliseconds,8:F0} {row.P50 / baseline.P50,14:F2}x");
        }

        return text.ToString();
    }
}
