using Octokit;
using Wand.Jobs;
using Wand.Sandbox;
using Wand.Search;

namespace Wand.GitHub;

/// <summary>
/// What Wand's check run marks on the pull request's lines, where GitHub shows them in the
/// Files tab: each test that failed on the head, at the line of the head's files its trace ends
/// on (failure), and each run of lines the fix changes, with what it makes of them (notice).
/// A failure whose trace names no file of the head has no line to go on and is left to the
/// summary. GitHub takes at most <see cref="Most"/> annotations per request.
/// </summary>
public static class CheckRunAnnotations
{
    public const int Most = 50;

    private const int MaxMessageChars = 1_000;

    public static IReadOnlyList<NewCheckRunAnnotation> Of(IReadOnlyList<JobFile> files, SandboxResult? original, IReadOnlyList<ReviewSuggestion> fix)
    {
        var annotations = new List<NewCheckRunAnnotation>();
        foreach (var test in original?.Tests.Where(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error) ?? [])
        {
            var message = test.Message ?? "(no message)";
            var at = FailureTraces.References(message).Select(r => (File: FailureTraces.Resolve(files, r.File), r.Line)).LastOrDefault(r => r.File is not null && r.Line > 0);
            if (at.File is { } path)
            {
                annotations.Add(new NewCheckRunAnnotation(path, at.Line, at.Line, CheckAnnotationLevel.Failure, Shorten(message)) { Title = $"{test.Name} fails" });
            }
        }

        foreach (var change in fix)
        {
            annotations.Add(new NewCheckRunAnnotation(change.Path, change.StartLine ?? change.Line, change.Line, CheckAnnotationLevel.Notice,
                Shorten($"Wand's fix makes {(change.StartLine is null ? "this line" : "these lines")}:\n{change.Replacement}"))
            { Title = "Wand's fix" });
        }

        return [.. annotations.Take(Most)];
    }

    private static string Shorten(string text) => text.Length <= MaxMessageChars ? text : text[..MaxMessageChars] + "…";
}
