using System.Text;
using Wand.Jobs;
using Wand.Sandbox;

namespace Wand.Selection;

public sealed class TestSelectorTests
{
    // A library of three modules with a test file each; report.py uses money.py, its tests do not name it.
    private static readonly Job Library = Job.Create(
        [
            File("shop/money.py", "def split(total, parts): ..."),
            File("shop/report.py", "from shop.money import split\n"),
            File("shop/text.py", "def slug(name): ..."),
            File("tests/test_money.py", "from shop.money import split\n\ndef test_split(): ...\ndef test_split_keeps_the_total(): ...\n"),
            File("tests/test_report.py", "from shop import report\n\ndef test_report(): ...\n"),
            File("tests/test_text.py", "from shop.text import slug\n\ndef test_slug(): ...\n"),
            File("tests/conftest.py", "import shop.money\n"),
        ],
        LanguageProfile.Python);

    [Fact]
    public void Choose_TheFailingTestsFile_AndTheTestFilesThatNameTheChangedModule()
    {
        var parent = Run(Failing("tests.test_money.test_split[10-3-expected0]"), Passing(24, "tests.test_text.test_slug"));

        var choice = TestSelector.Choose(Library, new TestFileIndex(Library), parent, ["shop/text.py"]);

        Assert.Equal(["tests/test_money.py", "tests/test_text.py"], choice.Files);
        Assert.Equal("2 of 3 test files (tests/test_money.py, tests/test_text.py)", choice.Why);
    }

    [Fact]
    public void Choose_AFailingTestNamedWithoutItsFile_IsFoundByItsOwnName()
    {
        // mocha and node --test name a test by its title; Go by its function.
        var parent = Run(Failing("money splits.test_split_keeps_the_total"), Passing(24, "t"));

        var choice = TestSelector.Choose(Library, new TestFileIndex(Library), parent, ["shop/money.py"]);

        Assert.Equal(["tests/test_money.py"], choice.Files);
    }

    [Fact]
    public void Choose_AFailingTestNamedWithItsModule_IsInThatFileOnly()
    {
        // test_text.py has a test of the same own name: the module in the name decides.
        var job = Library with { Files = [.. Library.Files, File("tests/test_other.py", "def test_split(): ...\n")] };
        var parent = Run(Failing("tests.test_money.test_split"), Passing(24, "tests.test_other.t"));

        var choice = TestSelector.Choose(job, new TestFileIndex(job), parent, ["shop/money.py"]);

        Assert.Equal(["tests/test_money.py"], choice.Files);
    }

    [Fact]
    public void Choose_FromCoverage_TheTestsThemselves()
    {
        var parent = Run(Failing("tests.test_money.test_split"), Passing(24, "tests.test_text.test_slug"));
        string[] covering = ["tests/test_money.py::test_split", "tests/test_text.py::test_slug[3]"];

        var choice = TestSelector.Choose(Library, new TestFileIndex(Library), parent, ["shop/money.py"], covering);

        Assert.Equal(covering, choice.Files);
        Assert.StartsWith("2 of 25 tests, those that failed or ran the changed line", choice.Why, StringComparison.Ordinal);
        Assert.Null(TestSelector.Choose(Library, new TestFileIndex(Library), parent, ["shop/money.py"], [.. Enumerable.Range(0, 25).Select(i => $"t{i}")]).Files);
        Assert.Null(TestSelector.Choose(Library, new TestFileIndex(Library), parent, ["shop/money.py"], ["tests/test_money.py::test_split[a\nb]"]).Files);
        var many = Enumerable.Range(0, 24).Select(i => $"tests/test_money.py::{new string('x', 3000)}{i}").ToList();
        Assert.StartsWith("the tests that ran the change are too many to name", TestSelector.Choose(Library, new TestFileIndex(Library), parent, ["shop/money.py"], many).Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_WholeSuite_WhenAFailingTestsFileCannotBeFound()
    {
        var parent = Run(Failing("tests.test_gone.test_vanished"), Passing(24, "t"));

        var choice = TestSelector.Choose(Library, new TestFileIndex(Library), parent, ["shop/money.py"]);

        Assert.Null(choice.Files);
        Assert.Equal("no test file could be found for the failing test 'tests.test_gone.test_vanished'", choice.Why);
    }

    [Theory]
    [InlineData("small")]
    [InlineData("command")]
    [InlineData("language")]
    [InlineData("selected parent")]
    [InlineData("compile error")]
    public void Choose_WholeSuite_WhenSelectionCannotBeTrusted(string why)
    {
        var job = why switch
        {
            "command" => Library with { TestCommand = "python3 -m pytest -x" },
            "language" => Library with { Language = LanguageProfile.Cpp },
            _ => Library,
        };
        var parent = Run(Failing("tests.test_money.test_split"), Passing(why == "small" ? 5 : 24, "t"));
        parent = why switch
        {
            "selected parent" => parent with { SelectedTests = ["tests/test_money.py"] },
            "compile error" => parent with { Reason = ExitReason.CompileError },
            _ => parent,
        };

        var choice = TestSelector.Choose(job, new TestFileIndex(job), parent, ["shop/money.py"]);

        Assert.Null(choice.Files);
        Assert.Equal(why switch
        {
            "small" => "the suite has 6 tests (selection starts at 20)",
            "command" => "the job has its own test command",
            "language" => "cpp's runner runs whole suites",
            "selected parent" => "the parent's run was not of the whole suite",
            _ => "the parent's run did not complete (did not compile)",
        }, choice.Why);
    }

    [Fact]
    public void Choose_WholeSuite_WhenEveryTestFileReachesTheChange()
    {
        var parent = Run(Failing("tests.test_money.test_split"), Passing(24, "t"));

        var choice = TestSelector.Choose(Library, new TestFileIndex(Library), parent, ["shop/report.py", "shop/text.py"]);

        Assert.Null(choice.Files);
        Assert.Equal("every test file reaches the change", choice.Why);
    }

    [Fact]
    public void Choose_Go_TheChangedPackagesTests()
    {
        var job = Job.Create(
            [
                File("go.mod", "module shop\n"), File("money/split.go", "package money\n"), File("money/split_test.go", "package money\nfunc TestSplit(t *testing.T) {}\n"),
                File("text/slug.go", "package text\n"), File("text/slug_test.go", "package text\nfunc TestSlug(t *testing.T) {}\n"),
                File("report/report_test.go", "package report\nimport \"shop/money\"\nfunc TestReport(t *testing.T) { money.Split() }\n"),
            ],
            LanguageProfile.Go);
        var parent = Run(Failing("TestSplit/odd_cents"), Passing(24, "TestSlug"));

        var choice = TestSelector.Choose(job, new TestFileIndex(job), parent, ["money/split.go"]);

        Assert.Equal(["money/split_test.go", "report/report_test.go"], choice.Files);
    }

    [Fact]
    public void Choose_Java_TheFailingTestsClass_AndTheTestsThatNameTheChangedClass()
    {
        // Two modules; both test classes have a method of the failing test's own name.
        var job = Job.Create(
            [
                File("pom.xml", "<project/>"),
                File("pricing/src/main/java/shop/pricing/Discount.java", "package shop.pricing;\npublic final class Discount {}\n"),
                File("pricing/src/test/java/shop/pricing/DiscountTest.java", "package shop.pricing;\nclass DiscountTest { @Test void takesThePercentOff() { Discount.apply(1, 2); } }\n"),
                File("checkout/src/main/java/shop/checkout/Cart.java", "package shop.checkout;\npublic final class Cart {}\n"),
                File("checkout/src/test/java/shop/checkout/CartTest.java", "package shop.checkout;\nclass CartTest { @Test void takesThePercentOff() { new Cart(); } }\n"),
                File("checkout/src/test/java/shop/checkout/DiscountsTest.java", "package shop.checkout;\nimport shop.pricing.Discount;\nclass DiscountsTest { }\n"),
            ],
            LanguageProfile.Java);
        var parent = Run(Failing("shop.pricing.DiscountTest.takesThePercentOff"), Passing(24, "shop.checkout.CartTest.t"));

        var choice = TestSelector.Choose(job, new TestFileIndex(job), parent, ["pricing/src/main/java/shop/pricing/Discount.java"]);

        Assert.Equal(["checkout/src/test/java/shop/checkout/DiscountsTest.java", "pricing/src/test/java/shop/pricing/DiscountTest.java"], choice.Files);
    }

    [Fact]
    public void Choose_InAMonorepo_NamesTestsFromItsRoot()
    {
        var job = Job.Create(
            [File("svc/calc.js", ""), File("svc/calc.test.js", "const calc = require('./calc');\ntest('adds', () => {});\n"), File("svc/text.test.js", "test('slugs', () => {});\n"), File("web/calc.test.js", "calc")],
            LanguageProfile.JavaScript) with
        { Root = "svc" };
        var parent = Run(Failing("calc.test.js.adds"), Passing(24, "text.test.js.slugs"));

        var choice = TestSelector.Choose(job, new TestFileIndex(job), parent, ["svc/calc.js"]);

        Assert.Equal(["calc.test.js"], choice.Files);
    }

    private static SandboxResult Run(params IEnumerable<TestCaseResult>[] tests) =>
        new(ExitReason.Completed, 1, [.. tests.SelectMany(t => t)], [], "", "", new SandboxTimings(TimeSpan.Zero, TimeSpan.FromSeconds(1)));

    private static TestCaseResult[] Failing(string name) => [new(name, TestOutcome.Failed, "assert", TimeSpan.Zero)];

    private static IEnumerable<TestCaseResult> Passing(int count, string name) =>
        Enumerable.Range(0, count).Select(i => new TestCaseResult($"{name}[{i}]", TestOutcome.Passed, null, TimeSpan.Zero));

    private static JobFile File(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));
}
