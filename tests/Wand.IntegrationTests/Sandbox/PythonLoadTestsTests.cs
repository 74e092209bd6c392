using System.Text;
using Wand.Fixtures;
using Wand.Jobs;

namespace Wand.Sandbox;

/// <summary>
/// A Python suite whose module adds tests through unittest's load_tests protocol (its doctests,
/// as more-itertools does): pytest alone ran 736 of its 901 tests.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class PythonLoadTestsTests(DockerFixture docker)
{
    private const string Money = """
        def double(x):
            '''
            >>> double(2)
            4
            '''
            return x * 2


        def half(x):
            '''
            >>> half(4)
            2.0
            '''
            return x / 2
        """;

    private static readonly Job Suite = Job.Create(
        [
            File("shop/__init__.py", ""),
            File("shop/money.py", Money),
            File("tests/__init__.py", ""),
            File("tests/test_money.py", """
                import doctest
                import unittest

                import shop.money


                class DoubleTests(unittest.TestCase):
                    def test_double(self):
                        self.assertEqual(shop.money.double(3), 6)


                def load_tests(loader, tests, ignore):
                    tests.addTests(loader.loadTestsFromTestCase(DoubleTests))
                    tests.addTests(doctest.DocTestSuite(shop.money))
                    return tests
                """),
        ],
        LanguageProfile.Python);

    [Fact]
    public async Task TheTestsLoadTestsAdds_RunBesidePytests_OnceEach_AndFailWithTheirCause()
    {
        var broken = new SandboxVariant([File("shop/money.py", Money.Replace("return x / 2", "return x / 3", StringComparison.Ordinal))]);

        var results = await docker.Runner.RunVariantsAsync(new SandboxVariants(Suite, [new SandboxVariant([]), broken], TimeSpan.FromSeconds(60)), default);

        Assert.True(results[0].AllPassed, $"{results[0].Reason}: {results[0].Stdout}{results[0].Stderr}");
        Assert.Equal(["tests.test_money.DoubleTests.test_double", "tests.test_money.shop.money.double", "tests.test_money.shop.money.half"], results[0].Tests.Select(t => t.Name).Order());
        var failed = Assert.Single(results[1].Tests, t => t.Outcome != TestOutcome.Passed);
        Assert.Equal("tests.test_money.shop.money.half", failed.Name);
        Assert.Contains("1.3333333333333333", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALoadedTest_CanBeChosenByItsNodeId_OrWithItsFile()
    {
        var results = await docker.Runner.RunVariantsAsync(new SandboxVariants(Suite,
            [new SandboxVariant([], ["tests/test_money.py::shop.money.half"]), new SandboxVariant([], ["tests/test_money.py::DoubleTests::test_double", "tests/test_money.py::shop.money.double"]), new SandboxVariant([], ["tests/test_money.py"])],
            TimeSpan.FromSeconds(60)), default);

        Assert.Equal(["tests.test_money.shop.money.half"], results[0].Tests.Select(t => t.Name));
        Assert.Equal(["tests.test_money.DoubleTests.test_double", "tests.test_money.shop.money.double"], results[1].Tests.Select(t => t.Name).Order());
        Assert.Equal(3, results[2].Tests.Count);
        Assert.All(results, r => Assert.True(r.PassedSelected, $"{r.Reason}: {r.Stdout}{r.Stderr}"));
    }

    private static JobFile File(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));
}
