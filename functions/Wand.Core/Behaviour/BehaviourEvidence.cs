namespace Wand.Behaviour;

/// <summary>
/// What comparing a repair's passing candidates on more inputs than its tests showed: the offered
/// fix (the first of the largest group), its confidence label with the reasons, the groups, and
/// the inputs they disagree on. Small: it travels in the repair's outcome; the recorded inputs
/// and every outcome are a blob beside the report.
/// </summary>
/// <param name="Offered">The key of the candidate the groups choose: the first (best ranked) of the largest group.</param>
/// <param name="Compared">Passing candidates whose outcomes were compared (0: the probe could not run, see the reasons).</param>
/// <param name="Recorded">Calls the job's tests made into its editable code that the probe kept.</param>
/// <param name="Inputs">Inputs every candidate ran on: the recorded calls and their variations.</param>
/// <param name="Groups">The candidates by what they do on every input, the offered fix's group first.</param>
/// <param name="Disagreements">The shortest inputs on which a group differs from the offered fix's (at most <see cref="MaxDisagreements"/>).</param>
/// <param name="Test">The shortest of them as a test in the job's language, to paste in and decide (null: the groups agree).</param>
public sealed record BehaviourEvidence(
    Confidence Confidence,
    IReadOnlyList<string> Reasons,
    string Offered,
    int Compared,
    int Recorded,
    int Inputs,
    IReadOnlyList<BehaviourGroup> Groups,
    IReadOnlyList<Disagreement> Disagreements,
    string? Test)
{
    public const int MaxDisagreements = 5;

    /// <summary>The language <see cref="Test"/> is written in, for a fenced code block (python, javascript).</summary>
    public string? TestLanguage { get; init; }

    /// <summary>The label as reports, comments and JSON write it: likely-correct, plausible or suspicious.</summary>
    public string Label => ConfidenceLabel.Word(Confidence);

    /// <summary>A fix whose behaviour could not be compared: plausible, since the tests are all the evidence there is.</summary>
    public static BehaviourEvidence NotExamined(string offered, string why) =>
        new(Confidence.Plausible, [$"{why}: passing the tests is the only evidence"], offered, 0, 0, 0, [], [], null);

    /// <summary>The label and its first reasons, in one line.</summary>
    public string Describe() => $"{Label}: {string.Join("; ", Reasons)}";
}

/// <summary>One input on which the passing candidates' groups differ: the call, and what the original code and each group do.</summary>
/// <param name="Call">The call, written in the job's language.</param>
public sealed record Disagreement(string Call, string Original, IReadOnlyList<GroupAnswer> Answers);

/// <summary>What one group of candidates does on a <see cref="Disagreement"/>'s input.</summary>
public sealed record GroupAnswer(IReadOnlyList<string> Candidates, string Answer);
