using System.Runtime.InteropServices;

namespace Wand.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM as a cancellation: the first one cancels <see cref="Token"/>, so
/// the command stops its work, removes its sandboxes and exits <see cref="ExitCodes.Interrupted"/>.
/// A second one is left to the signal's default and ends the process at once, for when stopping
/// itself hangs (the sandboxes are then left to expire).
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public StopSignals()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        // Not inline: the signal's thread returns at once, and the command unwinds on the pool.
        _ = _stop.CancelAsync();
    }
}
