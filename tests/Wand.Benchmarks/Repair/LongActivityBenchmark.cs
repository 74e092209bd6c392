using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wand.Cli.Engine;
using Wand.Jobs;
using Wand.Repair;
using Wand.Sandbox;
using Wand.Storage;

namespace Wand.Benchmarks.Repair;

/// <summary>
/// An activity as long as a job may run (30 minutes by default; a search round over a real suite
/// can take that long) on both of `wand`'s engines at once, beside the same run made straight
/// through the sandbox (the baseline). Each engine's activity must complete, once: the durable
/// engine renews its queue message all along (or the activity runs again), and the worker's
/// channel to its sidecar must outlive the silence (it used to be disposed under the activity).
/// Not in CI: it takes the whole limit. LocalEngineTests is the short guard of both.
/// </summary>
public static class LongActivityBenchmark
{
    public static async Task<string> RunAsync(TimeSpan length, CancellationToken cancellationToken)
    {
        var azuritePath = AzuriteLocator.Find(null) ?? throw new InvalidOperationException("Azurite was not found: run eng/setup.sh");
        await using var azurite = await AzuriteProcess.StartAsync(azuritePath, cancellationToken: cancellationToken);
        var trouble = new TroubleLog();
        var engines = new[] { EngineBackend.AzureStorage, EngineBackend.InMemory };
        var hosts = await Task.WhenAll(engines.Select(e => StartHostAsync(azurite.ConnectionString, e, trouble, cancellationToken)));
        try
        {
            var runs = new List<Task<Measurement>> { TimeAsync("two sandbox runs (baseline)", () => BaselineAsync(hosts[0].Services, length, cancellationToken)) };
            runs.AddRange(engines.Select((engine, i) => TimeAsync($"repair, {engine}", () => RepairAsync(hosts[i].Services, length, engine, cancellationToken))));
            var measured = await Task.WhenAll(runs);
            var text = new StringBuilder(new RatioTable($"one run of {length.TotalMinutes:F0} minutes, as an activity of each engine (at once)", measured).Render());
            text.AppendLine(trouble.Entries.IsEmpty
                ? "no activity ran twice, and no engine warned"
                : $"trouble:\n{string.Join('\n', trouble.Entries)}");
            return text.ToString();
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.StopAsync(CancellationToken.None);
                host.Dispose();
            }
        }
    }

    private static async Task<Measurement> TimeAsync(string name, Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return new Measurement(name, [clock.Elapsed]);
    }

    /// <summary>
    /// A test that sleeps for half the length less 10 s, then fails: the repair's baseline runs
    /// failing code twice (to tell a stable failure from a flaky one) in one activity, which lasts
    /// the whole length. Passing code would run once (the first 30-minute measurement was of a
    /// 15-minute activity for that reason). One run must stay well inside the job's limit (the
    /// length, 30 minutes at most): the test plugin stops a test still running at 90% of it.
    /// </summary>
    private static Job SleepingJob(TimeSpan length, string tag) => Job.Create(
        [
            new JobFile("slow.py", Encoding.UTF8.GetBytes($"def answer():\n    return 41  # {tag}\n")),
            new JobFile("test_slow.py", Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"import time\n\nfrom slow import answer\n\n\ndef test_answer_after_a_while():\n    time.sleep({OneRun(length).TotalSeconds:F0})\n    assert answer() == 42\n"))),
        ],
        LanguageProfile.Python) with
    { Timeout = length < TimeSpan.FromMinutes(30) ? length : TimeSpan.FromMinutes(30) };

    private static TimeSpan OneRun(TimeSpan length) => (length / 2) - TimeSpan.FromSeconds(10);

    private static async Task BaselineAsync(IServiceProvider services, TimeSpan length, CancellationToken cancellationToken)
    {
        for (var run = 0; run < 2; run++)
        {
            var result = await services.GetRequiredService<ISandbox>().RunAsync(SleepingJob(length, "baseline"), cancellationToken);
            if (result is not { Reason: ExitReason.Completed, Passed: 0, Failed: 1 })
            {
                throw new InvalidOperationException($"the baseline run ended {result.Reason} ({result.Passed} passed, {result.Failed} failed), not with its one test failing");
            }
        }
    }

    private static async Task RepairAsync(IServiceProvider services, TimeSpan length, EngineBackend engine, CancellationToken cancellationToken)
    {
        var client = services.GetRequiredService<DurableTaskClient>();
        // Each engine's own job: the other's would come from the evaluation cache. The wall-time
        // budget is spent by the baseline's two runs, so no search round follows them.
        var settings = new RepairSettings { Generator = RepairGenerator.Search, BaselineRuns = 2, Budget = new RepairBudget(MaxWallTime: OneRun(length) * 2) };
        var clock = Stopwatch.StartNew();
        var id = await services.GetRequiredService<RepairJobs>().StartAsync(client, SleepingJob(length, engine.ToString()), settings, cancellationToken);
        var state = await EngineHosts.UntilEndedAsync(client, id, TimeSpan.FromSeconds(1), cancellationToken);

        var outcome = state.ReadOutputAs<RepairOutcome>();
        if (outcome is not { Status: RepairStatus.NotRepaired, Baseline.Failed: 1, Spending.SearchRuns: 0 })
        {
            throw new InvalidOperationException($"{engine}: the repair ended {state.RuntimeStatus}, {outcome?.Status}: {outcome?.StopReason}{state.FailureDetails?.ErrorMessage}");
        }

        if (clock.Elapsed < OneRun(length) * 2)
        {
            throw new InvalidOperationException($"{engine}: the repair took {clock.Elapsed}, less than the baseline's two runs: its activity was not as long as it should be");
        }
    }

    private static Task<IHost> StartHostAsync(string connectionString, EngineBackend engine, TroubleLog trouble, CancellationToken cancellationToken) =>
        EngineHosts.StartAsync(connectionString, engine, "long", builder => builder.Logging.AddProvider(trouble), cancellationToken);

    /// <summary>The engines' warnings and errors: an activity run again, a channel disposed, a message lost.</summary>
    private sealed class TroubleLog : ILoggerProvider
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel) && (category.StartsWith("Wand.Cli.Engine", StringComparison.Ordinal)
                    || category.StartsWith("DurableTask", StringComparison.Ordinal) || category.StartsWith("Microsoft.DurableTask", StringComparison.Ordinal)))
                {
                    entries.Enqueue($"{category}[{eventId.Id}] {formatter(state, exception)}{(exception is null ? "" : $" ({exception.GetType().Name})")}");
                }
            }
        }
    }
}
