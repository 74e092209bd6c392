namespace Wand.Jobs;

public sealed class EditableFilesTests
{
    [Theory]
    [InlineData("src/**/*.py", "src/a.py", true)]
    [InlineData("src/**/*.py", "src/deep/er/a.py", true)]
    [InlineData("src/**/*.py", "lib/a.py", false)]
    [InlineData("*.py", "a.py", true)]
    [InlineData("*.py", "pkg/a.py", false)]
    [InlineData("**/*.go", "max.go", true)]
    [InlineData("stat?.py", "stats.py", true)]
    public void Glob_Matches(string glob, string path, bool expected) => Assert.Equal(expected, Glob.IsMatch(glob, path));

    [Fact]
    public void Of_WithoutGlobs_IsEverySourceThatIsNotATest()
    {
        var job = Job.Create(
            [new("stats.py", [1]), new("test_stats.py", [1]), new("tests/helpers.py", [1]), new("README.md", [1])],
            LanguageProfile.Python);

        Assert.Equal(["stats.py"], EditableFiles.Of(job).Order());
    }

    [Fact]
    public void Of_ATypeScriptProject_IsItsSource_NotItsTestsDeclarationsOrToolConfiguration()
    {
        var job = Job.Create(
            [new("src/index.ts", [1]), new("src/cases.spec.ts", [1]), new("src/types.d.ts", [1]), new("vitest.config.mts", [1]),
             new("jest.config.js", [1]), new("src/view.tsx", [1]), new("lib/legacy.cjs", [1])],
            LanguageProfile.JavaScript);

        Assert.Equal(["lib/legacy.cjs", "src/index.ts", "src/view.tsx"], EditableFiles.Of(job).Order());
    }

    [Fact]
    public void NoneReason_OfAJobWithOnlyTests_SaysWhereToNameTheFiles()
    {
        var job = Job.Create([new("test/a.test.ts", [1])], LanguageProfile.JavaScript);

        Assert.Empty(EditableFiles.Of(job));
        Assert.Equal("the job has no javascript source file (.js .mjs .cjs .jsx .ts .mts .cts .tsx) outside its tests: name the files a fix may change under editable: in .wand.yml",
            EditableFiles.NoneReason(job));
        Assert.Equal("no file of the job matches its editable globs (lib/**)", EditableFiles.NoneReason(job with { Editable = ["lib/**"] }));
    }

    [Fact]
    public void Of_WithGlobs_IsWhatTheyMatch()
    {
        var job = Job.Create([new("a.py", [1]), new("b.py", [1])], LanguageProfile.Python) with { Editable = ["b.*"] };

        Assert.Equal(["b.py"], EditableFiles.Of(job));
    }

    [Theory]
    [InlineData("test_stats.py")]
    [InlineData("max_test.go")]
    [InlineData("clamp.test.js")]
    [InlineData("CalendarTests.cs")]
    [InlineData("src/BinarySearchTest.java")]
    [InlineData("vowels_test.cpp")]
    [InlineData("tests/integration.rs")]
    public void LooksLikeTest_TheSamplesTests(string path) => Assert.True(EditableFiles.LooksLikeTest(path));
}
