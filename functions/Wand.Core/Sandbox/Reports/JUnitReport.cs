using System.Globalization;
using System.Xml;
using System.Xml.Linq;


namespace Wand.Sandbox.Reports;

/// <summary>Reads the JUnit XML that the test runners inside the images write.</summary>
public static class JUnitReport
{
    // What runners put in classname when they have nothing to say: node --test writes "test",
    // the xunit JUnit logger "UnknownNamespace.UnknownType" for classes outside a namespace.
    private static readonly HashSet<string> PlaceholderClassNames = new(StringComparer.Ordinal) { "test", "UnknownNamespace.UnknownType" };

    public static IReadOnlyList<TestCaseResult> Parse(string xml)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(xml);
        }
        catch (XmlException)
        {
            return [];
        }

        return document.Descendants("testcase").Select(ToResult).ToList();
    }

    private static TestCaseResult ToResult(XElement testCase)
    {
        var name = (string?)testCase.Attribute("name") ?? "(unnamed)";
        var className = (string?)testCase.Attribute("classname");
        // CTest names a test twice (classname is the name).
        var fullName = string.IsNullOrEmpty(className) || PlaceholderClassNames.Contains(className) || className == name ? name : $"{className}.{name}";
        var duration = double.TryParse((string?)testCase.Attribute("time"), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.Zero;

        foreach (var (element, outcome) in new[] { ("failure", TestOutcome.Failed), ("error", TestOutcome.Error), ("skipped", TestOutcome.Skipped) })
        {
            if (testCase.Element(element) is { } detail)
            {
                var message = (string?)detail.Attribute("message");
                var text = detail.Value.Trim();
                if (string.IsNullOrEmpty(text) && string.IsNullOrEmpty(message))
                {
                    // CTest says nothing in the failure: what the test printed says why.
                    text = FromFailure(((string?)testCase.Element("system-out"))?.Trim() ?? "");
                }

                return new TestCaseResult(fullName, outcome, string.IsNullOrEmpty(text) ? message : $"{message}\n{text}".Trim(), duration);
            }
        }

        return new TestCaseResult(fullName, TestOutcome.Passed, null, duration);
    }

    /// <summary>A test's output from its first failure (GoogleTest's "file:line: Failure"), or all of it.</summary>
    private static string FromFailure(string output)
    {
        var at = output.IndexOf(": Failure", StringComparison.Ordinal);
        return at < 0 ? output : output[(output.LastIndexOf('\n', at) + 1)..];
    }
}
