using Microsoft.Extensions.Hosting;

namespace Wand.Cli;

/// <summary>
/// The hosts' lifetime in `wand`: started and stopped by the command, never by a signal. The
/// default console lifetime would also catch Ctrl+C and SIGTERM and stop the host under a
/// command still using it; <see cref="StopSignals"/> alone answers them.
/// </summary>
internal sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
