namespace Wand.Sandbox.Reports;

public sealed class JUnitReportTests
{
    [Fact]
    public void Parse_PytestReport_GivesEachTestWithOutcomeMessageAndDuration()
    {
        const string xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <testsuites><testsuite name="pytest" errors="0" failures="1" skipped="1" tests="3" time="0.05">
              <testcase classname="test_stats" name="test_mean" time="0.001" />
              <testcase classname="test_stats" name="test_median" time="0.002">
                <failure message="assert 3.5 == 2.5">def test_median():
            E       assert 3.5 == 2.5</failure>
              </testcase>
              <testcase classname="test_stats" name="test_later" time="0"><skipped message="not yet" /></testcase>
            </testsuite></testsuites>
            """;

        var tests = JUnitReport.Parse(xml);

        Assert.Equal(3, tests.Count);
        Assert.Equal(new TestCaseResult("test_stats.test_mean", TestOutcome.Passed, null, TimeSpan.FromMilliseconds(1)), tests[0]);
        Assert.Equal(TestOutcome.Failed, tests[1].Outcome);
        Assert.StartsWith("assert 3.5 == 2.5\ndef test_median():", tests[1].Message, StringComparison.Ordinal);
        Assert.Equal(TestOutcome.Skipped, tests[2].Outcome);
        Assert.Equal("not yet", tests[2].Message);
    }

    [Fact]
    public void Parse_ErrorElement_IsAnError()
    {
        var tests = JUnitReport.Parse("""<testsuite><testcase name="t"><error message="boom" /></testcase></testsuite>""");

        Assert.Equal(TestOutcome.Error, Assert.Single(tests).Outcome);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml at all")]
    [InlineData("<testsuite><testcase name=")]
    public void Parse_BrokenReport_GivesNoTestsRatherThanThrowing(string xml) => Assert.Empty(JUnitReport.Parse(xml));
    [Fact]
    public void Parse_CTestReport_NamesEachTestOnce_AndTakesTheCauseFromItsOutput()
    {
        // ctest --output-junit: classname repeats the name, and the failure is empty.
        var xml = """
            <testsuite name="(empty)" tests="2" failures="1">
              <testcase name="Split.Odd" classname="Split.Odd" time="0.002" status="fail">
                <failure message=""/>
                <system-out>Running main() from gtest_main.cc
            [ RUN      ] Split.Odd
            /w/tests/shares_test.cpp:8: Failure
            Expected equality of these values:
            </system-out>
              </testcase>
              <testcase name="Split.Even" classname="Split.Even" time="0.001" status="run"><system-out>ok</system-out></testcase>
            </testsuite>
            """;

        var tests = JUnitReport.Parse(xml);

        Assert.Equal(["Split.Odd", "Split.Even"], tests.Select(t => t.Name));
        Assert.Equal(TestOutcome.Failed, tests[0].Outcome);
        Assert.StartsWith("/w/tests/shares_test.cpp:8: Failure\nExpected equality", tests[0].Message, StringComparison.Ordinal);
        Assert.Equal(TestOutcome.Passed, tests[1].Outcome);
    }
}
