namespace Wand.Sandbox.Reports;

/// <summary>Reads libtest's JSON events (<c>cargo test -- -Z unstable-options --format json</c>).</summary>
public static class LibtestEvents
{
    public static IReadOnlyList<TestCaseResult> Parse(string stream)
    {
        var results = new List<TestCaseResult>();
        foreach (var e in JsonLines.Read<LibtestEvent>(stream))
        {
            if (e is not { type: "test", name: not null })
            {
                continue;
            }

            TestOutcome? outcome = e.@event switch
            {
                "ok" => TestOutcome.Passed,
                "failed" => TestOutcome.Failed,
                "timeout" => TestOutcome.Failed,
                "ignored" => TestOutcome.Skipped,
                _ => null,
            };
            if (outcome is { } o)
            {
                var message = o == TestOutcome.Passed ? null : (e.stdout ?? e.message)?.Trim();
                results.Add(new TestCaseResult(e.name, o, message, TimeSpan.FromSeconds(e.exec_time ?? 0)));
            }
        }

        return results;
    }

#pragma warning disable IDE1006, SA1300 // libtest's own field names
    private sealed record LibtestEvent(string? type, string? @event, string? name, double? exec_time, string? stdout, string? message);
#pragma warning restore IDE1006, SA1300
}
