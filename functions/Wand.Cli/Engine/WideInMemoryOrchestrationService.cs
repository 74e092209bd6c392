using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;

namespace Wand.Cli.Engine;

/// <summary>
/// The in-memory engine with room for 100 work items at a time. Its dispatchers take at most
/// <c>MaxConcurrentTask*WorkItems</c> items, which the engine sets to the processor count, and
/// sleep 500 ms whenever they are full: on 2 cores, 40 parallel activities took 10 s instead of
/// half a second (Pipeline/README.md). The properties are not virtual, so the interface is
/// re-implemented; everything else maps to the base class.
/// </summary>
internal sealed class WideInMemoryOrchestrationService(ILoggerFactory? loggerFactory)
    : InMemoryOrchestrationService(loggerFactory), IOrchestrationService
{
    public const int MaxWorkItems = 100;

    int IOrchestrationService.MaxConcurrentTaskOrchestrationWorkItems => MaxWorkItems;

    int IOrchestrationService.MaxConcurrentTaskActivityWorkItems => MaxWorkItems;
}
