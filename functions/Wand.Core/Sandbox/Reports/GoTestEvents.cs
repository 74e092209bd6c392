namespace Wand.Sandbox.Reports;

/// <summary>
/// Reads the event stream of <c>go test -json</c> (one JSON object per line; Go 1.19 prints
/// build failures as plain text in the stream, which <see cref="JsonLines"/> skips).
/// </summary>
public static class GoTestEvents
{
    public static IReadOnlyList<TestCaseResult> Parse(string stream)
    {
        var output = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var results = new List<TestCaseResult>();
        foreach (var e in JsonLines.Read<GoTestEvent>(stream))
        {
            if (e.Test is null)
            {
                continue;
            }

            var key = $"{e.Package}/{e.Test}";
            switch (e.Action)
            {
                case "output":
                    (output.TryGetValue(key, out var lines) ? lines : output[key] = []).Add(e.Output ?? "");
                    break;
                case "pass" or "fail" or "skip":
                    var outcome = e.Action switch { "pass" => TestOutcome.Passed, "fail" => TestOutcome.Failed, _ => TestOutcome.Skipped };
                    var message = outcome == TestOutcome.Passed ? null : Message(output.GetValueOrDefault(key));
                    results.Add(new TestCaseResult(e.Test, outcome, message, TimeSpan.FromSeconds(e.Elapsed ?? 0)));
                    break;
            }
        }

        return results;
    }

    // The test's own output minus the runner's "=== RUN" / "--- FAIL" bookkeeping lines.
    private static string? Message(List<string>? lines)
    {
        var text = string.Concat((lines ?? []).Where(l => !l.StartsWith("=== ", StringComparison.Ordinal) && !l.TrimStart().StartsWith("--- ", StringComparison.Ordinal))).Trim();
        return text.Length == 0 ? null : text;
    }

    private sealed record GoTestEvent(string? Action, string? Package, string? Test, string? Output, double? Elapsed);
}
