namespace Wand.Jobs;

/// <summary>The one check of editable globs, whichever way in they came.</summary>
public sealed class EditableGlobsTests
{
    [Theory]
    [InlineData("src/**/*.py")]
    [InlineData("*.py")]
    [InlineData("lib/a?.go")]
    public void Problem_OfGlobsInsideTheJob_IsNone(string glob) => Assert.Null(EditableGlobs.Problem([glob]));

    [Theory]
    [InlineData(null, "editable[1] is null")]
    [InlineData("", "editable[1] is 0 characters long; a glob has 1 to 255")]
    [InlineData("/etc/passwd", "editable[1] '/etc/passwd' must be a relative path inside the job")]
    [InlineData("../outside.py", "editable[1] '../outside.py' must be a relative path inside the job")]
    [InlineData("src/../../x", "editable[1] 'src/../../x' must be a relative path inside the job")]
    [InlineData("./a.py", "editable[1] './a.py' must be a relative path inside the job")]
    [InlineData("src\\a.py", "editable[1] 'src\\a.py' must be a relative path inside the job")]
    [InlineData("C:/a.py", "editable[1] 'C:/a.py' must be a relative path inside the job")]
    [InlineData("a\nb", "editable[1] 'a\\u000ab' contains control characters")]
    public void Problem_NamesTheGlobByItsIndex(string? glob, string problem) =>
        Assert.StartsWith(problem, EditableGlobs.Problem(["a.py", glob]), StringComparison.Ordinal);

    [Fact]
    public void Problem_OfTooManyOrTooLongGlobs_SaysTheLimit()
    {
        Assert.Equal("editable has 101 globs; the limit is 100", EditableGlobs.Problem(Enumerable.Repeat("a.py", 101).ToList()));
        Assert.Equal("editable[0] is 256 characters long; a glob has 1 to 255", EditableGlobs.Problem([new string('a', 256)]));
    }
}
