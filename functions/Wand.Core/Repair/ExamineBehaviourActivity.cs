using Wand.Behaviour;
using Wand.Plumbing;
using Wand.Sandbox;

namespace Wand.Repair;

/// <param name="Passing">Keys of candidates that pass every test, best ranked first: the first is the confirmed fix.</param>
public sealed record BehaviourRequest(string JobId, IReadOnlyList<string> Passing);

/// <summary>
/// After a fix is confirmed: runs the original code and the passing candidates on inputs
/// amplified from the job's own tests (<see cref="BehaviourExamination"/>), keeps every input and
/// outcome beside the report, and returns the groups, the fix they choose and its label.
/// </summary>
public sealed class ExamineBehaviourActivity(RepairBlobs artifacts, ISandbox sandbox) : IWandActivity<BehaviourRequest, BehaviourEvidence>
{
    public async Task<BehaviourEvidence> RunAsync(BehaviourRequest input, CancellationToken cancellationToken)
    {
        var job = (await artifacts.JobAsync(input.JobId, cancellationToken)).ToJob();
        var candidates = new List<ExaminedCandidate>();
        foreach (var key in input.Passing)
        {
            var changes = CandidateChanges.Between(job.Files, await artifacts.FilesAsync(input.JobId, key, cancellationToken));
            // A replay lays a candidate's files over the job's; one that removes a file cannot be replayed.
            if (changes.Removed.Count == 0)
            {
                candidates.Add(new ExaminedCandidate(key, new SandboxVariant(changes.Changed)));
            }
            else if (candidates.Count == 0)
            {
                return BehaviourEvidence.NotExamined(key, "the fix removes a file, which the behaviour probe cannot lay over the original");
            }
        }

        var fix = await artifacts.ResultAsync(input.JobId, input.Passing[0], cancellationToken);
        var examined = await new BehaviourExamination(new BehaviourProbe(sandbox)).ExamineAsync(job with { Timeout = ProbeLimit(fix.Timings.Run, job.Timeout) }, candidates, cancellationToken);
        if (examined.Record is { } record)
        {
            await artifacts.Store.PutTextAsync(JobBlobNames.Behaviour(input.JobId), record.ToJsonString(), "application/json", cancellationToken);
        }

        return examined.Evidence;
    }

    /// <summary>The least time a probe run gets, whatever the fix took.</summary>
    public static readonly TimeSpan ProbeFloor = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A probe run's limit: ten times what the fix's tests took, at least <see cref="ProbeFloor"/>,
    /// at most the job's. An original that hangs (the defect was a loop) must not hold the
    /// examination for the job's whole limit twice; when it runs out of time, the evidence says so.
    /// </summary>
    public static TimeSpan ProbeLimit(TimeSpan fixRun, TimeSpan job)
    {
        var limit = fixRun * 10 > ProbeFloor ? fixRun * 10 : ProbeFloor;
        return limit < job ? limit : job;
    }
}
