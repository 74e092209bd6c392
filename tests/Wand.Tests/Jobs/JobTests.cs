namespace Wand.Jobs;

/// <summary>What a job may hold, checked before any container exists.</summary>
public sealed class JobTests
{
    [Theory]
    [InlineData("/etc/passwd", "must be relative")]
    [InlineData("C:/x.py", "must be relative")]
    [InlineData("a\\b.py", "must be relative")]
    [InlineData("../escape.py", "must stay inside the job")]
    [InlineData("a/../../escape.py", "must stay inside the job")]
    [InlineData("a//b.py", "must stay inside the job")]
    [InlineData("./a.py", "must stay inside the job")]
    [InlineData(".wand/junit.xml", "inside .wand/")]
    [InlineData("a\nb.py", "control characters")]
    [InlineData("", "1 to 255 characters")]
    public void Validate_BadPath_NamesThePathAndTheRule(string path, string expected)
    {
        var job = JobOf(new JobFile(path, [1]));

        var error = Assert.Throws<InvalidJobException>(() => job.Validate(JobFolderLimits.Default));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoFiles_IsRefused() =>
        Assert.Contains("no files", Assert.Throws<InvalidJobException>(() => JobOf().Validate(JobFolderLimits.Default)).Message, StringComparison.Ordinal);

    [Fact]
    public void Validate_TooManyFiles_SaysTheLimit()
    {
        var job = JobOf([.. Enumerable.Range(0, 4).Select(i => new JobFile($"f{i}.py", [1]))]);

        var error = Assert.Throws<InvalidJobException>(() => job.Validate(new JobFolderLimits(MaxFiles: 3)));

        Assert.Equal("the job has 4 files; the limit is 3", error.Message);
    }

    [Fact]
    public void Validate_FileTooLarge_NamesIt()
    {
        var error = Assert.Throws<InvalidJobException>(() => JobOf(new JobFile("big.py", new byte[11])).Validate(new JobFolderLimits(MaxFileBytes: 10)));

        Assert.Equal("file 'big.py' is 11 bytes; the limit is 10", error.Message);
    }

    [Fact]
    public void Validate_TotalTooLarge_SaysSo()
    {
        var job = JobOf(new JobFile("a.py", new byte[6]), new JobFile("b.py", new byte[6]));

        var error = Assert.Throws<InvalidJobException>(() => job.Validate(new JobFolderLimits(MaxTotalBytes: 10)));

        Assert.Equal("the job's files hold 12 bytes; the limit is 10", error.Message);
    }

    [Fact]
    public void Validate_DuplicatePath_IsRefused() =>
        Assert.Contains("appears twice", Assert.Throws<InvalidJobException>(() => JobOf(new JobFile("a.py", [1]), new JobFile("a.py", [2])).Validate(JobFolderLimits.Default)).Message, StringComparison.Ordinal);

    [Fact]
    public void Validate_OrdinaryJob_Passes() => JobOf(new JobFile("src/app.py", [1]), new JobFile("test_app.py", [2])).Validate(JobFolderLimits.Default);

    private static Job JobOf(params JobFile[] files) => Job.Create(files, LanguageProfile.Python);

    [Fact]
    public void Validate_APathThatIsBothAFileAndAFolder_IsRefused()
    {
        var error = Assert.Throws<InvalidJobException>(() => JobOf(new JobFile("lib", [1]), new JobFile("lib/a.py", [2])).Validate(JobFolderLimits.Default));

        Assert.Equal("'lib' is both a file and a folder of the job", error.Message);
    }
}
