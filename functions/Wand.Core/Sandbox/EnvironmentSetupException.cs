namespace Wand.Sandbox;

/// <summary>
/// A job's environment could not be made: its setup failed, its image or Dockerfile could not be
/// had, or the result lacks what the runner needs. Its runs end as <see cref="ExitReason.SetupFailed"/>,
/// never as a candidate's failure.
/// </summary>
/// <param name="message">What failed, in one line.</param>
/// <param name="log">The tail of the setup's log (or of the Dockerfile's build), for the user to read.</param>
public sealed class EnvironmentSetupException(string message, string log) : Exception(message)
{
    public string Log { get; } = log;
}
