namespace Wand.Cli;

/// <summary>What `wand` exits with; the README lists these.</summary>
public static class ExitCodes
{
    /// <summary>Everything passed (doctor: healthy; run: every test passed).</summary>
    public const int Success = 0;

    /// <summary>The work ran and the answer is no (doctor: a required check failed; run: a test failed).</summary>
    public const int Failure = 1;

    /// <summary>The command line, the job or the configuration is wrong; nothing ran.</summary>
    public const int BadInput = 2;

    /// <summary>Something Wand needs (Docker, storage) is not there or broke while working.</summary>
    public const int Environment = 3;

    /// <summary>Stopped by Ctrl+C (SIGINT) or SIGTERM: the work was cancelled and its sandboxes removed (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
