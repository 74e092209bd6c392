namespace Wand.Repair;

/// <summary>The orchestration's custom status while a repair runs (small: the status is capped at 16 KB).</summary>
/// <param name="Phase">baseline, generating, evaluating, confirming, reporting.</param>
/// <param name="CandidatesTried">Candidates evaluated so far (the baseline not included).</param>
/// <param name="BestPassed">Tests passed by the best candidate so far (the baseline included).</param>
public sealed record RepairProgress(string Phase, int Round, int CandidatesTried, int BestPassed, int TestCount, long Tokens, int LlmCalls)
{
    public double BestPassRate => TestCount == 0 ? 0 : (double)BestPassed / TestCount;

    /// <summary>The progress in one line, as <c>wand repair</c> shows it while it runs.</summary>
    public string Describe() => Phase == "baseline"
        ? "running the tests as they are"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"round {Round}: {Phase}; {CandidatesTried} candidates tried, best {BestPassed}/{TestCount} tests") + (LlmCalls == 0 ? "" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $", {LlmCalls} LLM calls, {Tokens:N0} tokens"));
}
