namespace Wand.Jobs;

public sealed class JobLimitsOptionsTests
{
    [Fact]
    public void Defaults_AreARepositorysSize() =>
        Assert.Equal(new JobFolderLimits(20_000, 10_000_000, 200_000_000), new JobLimitsOptions().Limits);

    [Theory]
    [InlineData(0, 10, 10, "Wand:Jobs:MaxFiles is 0; it must be at least 1")]
    [InlineData(1, 0, 10, "Wand:Jobs:MaxFileBytes is 0; it must be at least 1")]
    [InlineData(1, 10, 5, "Wand:Jobs:MaxTotalBytes is 5; it must be at least MaxFileBytes (10)")]
    public void Problem_NamesTheSetting(int files, long fileBytes, long totalBytes, string problem) =>
        Assert.Equal(problem, new JobLimitsOptions { MaxFiles = files, MaxFileBytes = fileBytes, MaxTotalBytes = totalBytes }.Problem());
}
