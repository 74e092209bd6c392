using System.Globalization;

namespace Wand.Sandbox;

/// <summary>
/// The runner inside a sandbox (<c>Scripts/run.sh</c>, embedded): one exec runs a job's variants
/// one at a time, each as the candidate user in a clean state, and writes only records to stdout.
/// Its threat model is in this folder's README.md.
/// </summary>
internal static class RunScript
{
    /// <summary>
    /// The least uid a candidate runs as. Each container's candidates get a uid of their own above
    /// it (<see cref="NewCandidateUid"/>), so that nothing the kernel counts per user (inotify
    /// instances, message-queue bytes) is shared between sandboxes that run at the same time.
    /// </summary>
    public const int MinCandidateUid = 200_000;

    /// <summary>An even uid for a container's candidates (the next one is its seed's user), unlikely to be any other sandbox's.</summary>
    public static int NewCandidateUid() => MinCandidateUid + (2 * Random.Shared.Next(0, 500_000_000));

    /// <summary>The environment variable that carries the records' boundary: only root can read it, and the script unsets it first.</summary>
    public const string BoundaryVariable = "WAND_BOUNDARY";

    public static string Text { get; } = Load("run.sh");

    /// <summary>The exec's command line: nothing on it is secret (candidates can read it under /proc).</summary>
    public static IList<string> Command(SandboxVariants run, RunCaps caps, bool seed, int candidateUid) =>
    [
        "sh", "-c", Text, "wand", run.Job.TestCommand,
        run.VariantTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
        Number(run.Variants.Count), Number(caps.KeptBytes), Number(caps.StopBytes), Number(caps.ReportBytes), seed ? "1" : "0",
        Number(candidateUid), run.Job.Root ?? ".",
        (run.TestTimeLimit ?? TimeSpan.Zero).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
    ];

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>One of the sandbox's scripts (Scripts/<paramref name="name"/>), as embedded in Wand.Core.</summary>
    public static string Load(string name)
    {
        using var stream = typeof(RunScript).Assembly.GetManifestResourceStream($"Wand.Sandbox.Scripts.{name}")
            ?? throw new InvalidOperationException($"the sandbox's {name} is missing from Wand.Core's resources");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}

/// <summary>What one variant may keep and write.</summary>
/// <param name="KeptBytes">Bytes of its stdout and of its stderr kept for the result.</param>
/// <param name="StopBytes">Bytes of stdout or of stderr after which it is stopped (<see cref="ExitReason.OutputTruncated"/>).</param>
/// <param name="ReportBytes">Bytes of its <c>.wand/</c> reports kept.</param>
internal sealed record RunCaps(int KeptBytes, int StopBytes, int ReportBytes)
{
    /// <summary>Every byte that can come back for one variant: its record's body.</summary>
    public int RecordBytes => (2 * (KeptBytes + 1)) + ReportBytes;
}
