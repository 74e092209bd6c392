using Wand.Jobs;

namespace Wand.Sandbox;

public sealed class NoTestsAdviceTests
{
    [Fact]
    public void For_ARunWhoseRunnerSaidWhatIsWrong_IsWhatItSaid()
    {
        var stderr = "npm warn something\nwand: package.json runs mocha, which is not installed (node_modules/mocha is missing).\n"
            + "wand: install the project's dependencies in .wand.yml:  setup: npm install\n";

        var advice = NoTestsAdvice.For(LanguageProfile.JavaScript, LanguageProfile.DefaultTestCommand, "", stderr);

        Assert.Equal("no test ran: package.json runs mocha, which is not installed (node_modules/mocha is missing). "
            + "install the project's dependencies in .wand.yml:  setup: npm install", advice);
    }

    [Fact]
    public void For_ATestHostWithoutItsRuntime_SaysWhichAndHowToRollForward()
    {
        // What dotnet test prints for a net8.0 test project in an image with only .NET 10 (from a real run).
        const string Stdout = """
            Testhost process for source(s) '/work/run-1/tests/bin/Debug/net8.0/Slugify.Core.Tests.dll' exited with error: You must install or update .NET to run this application.
            App: /work/run-1/tests/bin/Debug/net8.0/testhost.dll
            Architecture: x64
            Framework: 'Microsoft.NETCore.App', version '8.0.0' (x64)
            .NET location: /usr/share/dotnet
            The following frameworks were found:
              10.0.12 at [/usr/share/dotnet/shared/Microsoft.NETCore.App]
            Test Run Aborted.
            """;

        var advice = NoTestsAdvice.For(LanguageProfile.CSharp, "wand-test Slugify.slnx", Stdout, "");

        Assert.Equal("no test ran: the test host needs the .NET 8.0.0 runtime, and the image has only its own .NET's; "
            + "run the tests on it with test: DOTNET_ROLL_FORWARD=Major wand-test Slugify.slnx in .wand.yml, or name an image with that runtime in image:", advice);
    }

    [Fact]
    public void For_ARunnerThatSaidNothing_IsHowTheLanguageFindsTests()
    {
        var advice = NoTestsAdvice.For(LanguageProfile.Python, LanguageProfile.DefaultTestCommand, "collected 0 items\n", "");

        Assert.StartsWith("no test ran: pytest runs files named test_*.py", advice, StringComparison.Ordinal);
    }

    [Fact]
    public void For_ACommandOfTheJobsOwn_SaysWhereItsReportShouldBe() =>
        Assert.Equal("no test ran: the test command 'make check' left no test report; it should write JUnit XML to .wand/junit.xml",
            NoTestsAdvice.For(LanguageProfile.Python, "make check", "", ""));
}
