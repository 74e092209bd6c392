using System.Text.Json;
using Wand.Jobs;

namespace Wand.Search;

/// <summary>
/// Per-test line coverage for Python, which is cheap there: a pytest plugin traces the lines each
/// test runs (sys.settrace, no extra package) and prints them after the session. Spectrum-based
/// fault localization (Ochiai) turns that into <see cref="LineSuspicion"/>: a line run by every
/// failing test and few passing ones is the likeliest place of the defect.
/// </summary>
public static class PythonCoverage
{
    /// <summary>The plugin's module name; it is added to the job as a top-level file.</summary>
    public const string PluginFile = "_wand_line_trace.py";

    /// <summary>One test's limit in the traced run of a parent whose tests hang (tracing makes a test a few times slower).</summary>
    public static readonly TimeSpan HungTestLimit = TimeSpan.FromSeconds(3);

    /// <summary>Where the plugin leaves the trace: a report, since a real suite's is more than the output a run keeps.</summary>
    public const string TracePath = ".wand/line-trace.json";

    private const string Plugin = """
        # Wand: records the lines each test runs, for fault localization. Not part of your code.
        import json, os, sys

        _root = os.getcwd()
        _lines = {}
        _outcomes = {}
        _current = set()
        _mine = {}

        def _local(frame, event, arg):
            if event == "line":
                _current.add((frame.f_code.co_filename, frame.f_lineno))
            return _local

        def _global(frame, event, arg):
            name = frame.f_code.co_filename
            mine = _mine.get(name)
            if mine is None:
                mine = _mine[name] = name.startswith(_root) and os.path.basename(name) != "_wand_line_trace.py"
            if mine:
                _current.add((name, frame.f_lineno))
                return _local
            return None

        def pytest_runtest_setup(item):
            _current.clear()
            sys.settrace(_global)

        def pytest_runtest_teardown(item):
            sys.settrace(None)
            files = {}
            for name, line in _current:
                files.setdefault(os.path.relpath(name, _root), set()).add(line)
            _lines[item.nodeid] = {f: sorted(l) for f, l in files.items()}

        def pytest_runtest_logreport(report):
            if report.failed or report.nodeid not in _outcomes:
                _outcomes[report.nodeid] = "failed" if report.failed else "passed"

        def pytest_unconfigure(config):
            tests = {n: {"outcome": _outcomes.get(n, "failed"), "lines": l} for n, l in _lines.items()}
            os.makedirs(os.path.join(_root, ".wand"), exist_ok=True)
            with open(os.path.join(_root, ".wand", "line-trace.json"), "w") as trace:
                json.dump(tests, trace)
        """;

    /// <summary>
    /// The job with the plugin added and a test command that loads it (pytest writes its JUnit
    /// report as usual); with <paramref name="testLimit"/>, each test stops at that limit and the
    /// next runs (for a job whose tests hang).
    /// </summary>
    public static Job Traced(Job job, TimeSpan? testLimit = null) => job with
    {
        Files = [.. job.Files.Where(f => f.Path != PluginFile), new JobFile(PluginFile, System.Text.Encoding.UTF8.GetBytes(Plugin.Replace("\r\n", "\n", StringComparison.Ordinal)))],
        // The image's wand_time_limits stops each test at its limit and goes on to the next.
        TestCommand = (testLimit is { } limit ? $"WAND_TEST_TIME_LIMIT={limit.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} WAND_TEST_TIME_LIMIT_CONTINUE=1 " : "")
            + $"python3 -m pytest -q -p no:cacheprovider -p {Path.GetFileNameWithoutExtension(PluginFile)} --junitxml=.wand/junit.xml",
        ExtraReport = TracePath,
    };

    /// <summary>Ochiai scores of the editable files' lines from a traced run's trace (<see cref="TracePath"/>); null when there is none.</summary>
    public static LineSuspicion? Suspicion(string? trace, IReadOnlySet<string> editable)
    {
        if (string.IsNullOrEmpty(trace))
        {
            return null;
        }

        Dictionary<string, TracedTest>? tests;
        try
        {
            tests = JsonSerializer.Deserialize<Dictionary<string, TracedTest>>(trace, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }

        if (tests is null)
        {
            return null;
        }

        var failedTotal = tests.Values.Count(t => t.Outcome == "failed");
        if (failedTotal == 0)
        {
            return null;
        }

        var failed = new Dictionary<(string, int), int>();
        var passed = new Dictionary<(string, int), int>();
        var covering = new Dictionary<(string, int), SortedSet<string>>();
        foreach (var (id, test) in tests)
        {
            var counts = test.Outcome == "failed" ? failed : passed;
            foreach (var (file, lines) in test.Lines)
            {
                if (!editable.Contains(file))
                {
                    continue;
                }

                foreach (var line in lines)
                {
                    counts[(file, line)] = counts.GetValueOrDefault((file, line)) + 1;
                    (covering.TryGetValue((file, line), out var ids) ? ids : covering[(file, line)] = new(StringComparer.Ordinal)).Add(id);
                }
            }
        }

        var scores = new Dictionary<(string Path, int Line), double>();
        foreach (var (line, ef) in failed)
        {
            var ep = passed.GetValueOrDefault(line);
            scores[line] = ef / Math.Sqrt((double)failedTotal * (ef + ep));
        }

        return new LineSuspicion(scores, "coverage") { Covering = covering, FailedTests = [.. tests.Where(t => t.Value.Outcome == "failed").Select(t => t.Key)] };
    }

    private sealed record TracedTest(string Outcome, Dictionary<string, int[]> Lines);
}
