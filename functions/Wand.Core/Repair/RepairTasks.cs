namespace Wand.Repair;

/// <summary>The names of the repair's activities (the Durable Task names both hosts register).</summary>
public static class RepairTasks
{
    public const string EvaluateBaseline = "EvaluateBaseline";
    public const string GenerateCandidate = "GenerateCandidate";
    public const string EvaluateCandidate = "EvaluateCandidate";
    public const string SearchCandidates = "SearchCandidates";
    public const string ExamineBehaviour = "ExamineBehaviour";
    public const string WriteReport = "WriteReport";
}
