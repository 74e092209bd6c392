using Wand.Jobs;

namespace Wand.Sandbox;

public sealed class NoTestsAdviceTests
{
    [Fact]
    public void For_ARunWhoseRunnerSaidWhatIsWrong_IsWhatItSaid()
    {
        var stderr = "npm warn something\nwand: package.json runs mocha, which is not installed (node_modules/mocha is missing).\n"
            + "wand: install the project's dependencies in .wand.yml:  setup: npm install\n";

        var advice = NoTestsAdvice.For(LanguageProfile.JavaScript, LanguageProfile.DefaultTestCommand, stderr);

        Assert.Equal("no test ran: package.json runs mocha, which is not installed (node_modules/mocha is missing). "
            + "install the project's dependencies in .wand.yml:  setup: npm install", advice);
    }

    [Fact]
    public void For_ARunnerThatSaidNothing_IsHowTheLanguageFindsTests()
    {
        var advice = NoTestsAdvice.For(LanguageProfile.Python, LanguageProfile.DefaultTestCommand, "collected 0 items\n");

        Assert.StartsWith("no test ran: pytest runs files named test_*.py", advice, StringComparison.Ordinal);
    }

    [Fact]
    public void For_ACommandOfTheJobsOwn_SaysWhereItsReportShouldBe() =>
        Assert.Equal("no test ran: the test command 'make check' left no test report; it should write JUnit XML to .wand/junit.xml",
            NoTestsAdvice.For(LanguageProfile.Python, "make check", ""));
}
