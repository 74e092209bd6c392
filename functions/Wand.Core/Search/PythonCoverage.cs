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

    private const string Marker = "@@wand-line-trace@@";

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
            os.write(1, ("\n@@wand-line-trace@@" + json.dumps(tests) + "\n").encode())
        """;

    /// <summary>The job with the plugin added and a test command that loads it (pytest writes its JUnit report as usual).</summary>
    public static Job Traced(Job job) => job with
    {
        Files = [.. job.Files.Where(f => f.Path != PluginFile), new JobFile(PluginFile, System.Text.Encoding.UTF8.GetBytes(Plugin.Replace("\r\n", "\n", StringComparison.Ordinal)))],
        TestCommand = $"python3 -m pytest -q -p no:cacheprovider -p {Path.GetFileNameWithoutExtension(PluginFile)} --junitxml=.wand/junit.xml",
    };

    /// <summary>Ochiai scores of the editable files' lines from a traced run's output; null when the output holds no trace.</summary>
    public static LineSuspicion? Suspicion(string stdout, IReadOnlySet<string> editable)
    {
        var at = stdout.LastIndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var json = stdout[(at + Marker.Length)..].Split('\n')[0];
        Dictionary<string, TracedTest>? tests;
        try
        {
            tests = JsonSerializer.Deserialize<Dictionary<string, TracedTest>>(json, JsonSerializerOptions.Web);
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
        foreach (var test in tests.Values)
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
                }
            }
        }

        var scores = new Dictionary<(string Path, int Line), double>();
        foreach (var (line, ef) in failed)
        {
            var ep = passed.GetValueOrDefault(line);
            scores[line] = ef / Math.Sqrt((double)failedTotal * (ef + ep));
        }

        return new LineSuspicion(scores, "coverage");
    }

    private sealed record TracedTest(string Outcome, Dictionary<string, int[]> Lines);
}
