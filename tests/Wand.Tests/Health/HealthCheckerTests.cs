namespace Wand.Health;

public sealed class HealthCheckerTests
{
    [Fact]
    public async Task RunAsync_ACheckThatThrows_BecomesAFailedLineNotACrash()
    {
        var checker = new HealthChecker([new ThrowingCheck(), new FixedCheck(new CheckResult("fine", CheckStatus.Ok, "ok"))]);

        var report = await checker.RunAsync(CancellationToken.None);

        Assert.False(report.Healthy);
        var failed = Assert.Single(report.Checks, c => c.Status == CheckStatus.Failed);
        Assert.Equal("broken", failed.Name);
        Assert.Contains("the check itself failed: disk on fire", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthy_IgnoresFailuresOfOptionalChecks()
    {
        var checker = new HealthChecker([new FixedCheck(new CheckResult("llm", CheckStatus.Failed, "down", Required: false))]);

        Assert.True((await checker.RunAsync(CancellationToken.None)).Healthy);
    }

    private sealed class ThrowingCheck : IHealthCheck
    {
        public string Name => "broken";

        public Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken) =>
            throw new InvalidOperationException("disk on fire");
    }

    private sealed class FixedCheck(CheckResult result) : IHealthCheck
    {
        public string Name => result.Name;

        public Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<CheckResult>>([result]);
    }
}
