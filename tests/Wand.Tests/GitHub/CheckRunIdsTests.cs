namespace Wand.GitHub;

/// <summary>The external ids of Wand's check runs, and who its commits are from.</summary>
public sealed class CheckRunIdsTests
{
    [Theory]
    [InlineData("github-72d3162e#31", 31)]
    [InlineData("github-a#b#7", 7)]
    [InlineData("github-72d3162e", null)]
    [InlineData("github-72d3162e#0", null)]
    [InlineData("github-72d3162e#-3", null)]
    [InlineData("#", null)]
    [InlineData(null, null)]
    public void PullRequestOf_ReadsOnlyWandsOwnIds(string? externalId, int? number) =>
        Assert.Equal(number, CheckRunIds.PullRequestOf(externalId));

    [Fact]
    public void AnIdentity_IsTheAccountsNoReplyAddress_ComparedWithoutCase()
    {
        var bot = GitHubIdentity.Of(41898282, GitHubIdentity.BotLogin("wand"));

        Assert.Equal(("wand[bot]", "41898282+wand[bot]@users.noreply.github.com"), (bot.Name, bot.Email));
        Assert.True(bot.Wrote("41898282+Wand[bot]@users.noreply.github.com"));
        Assert.False(bot.Wrote("wand@users.noreply.github.com"));
        Assert.False(bot.Wrote(null));
        Assert.Equal(CheckRunIds.PullRequestOf(CheckRunIds.ExternalId("github-x", 12)), 12);
    }
}
