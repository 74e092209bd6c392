using System.Text.Json;
using Wand.Plumbing;

namespace Wand.Health;

/// <summary>One health answer for both hosts: the status for anyone, the checks only for those with the key.</summary>
public sealed class HealthApiTests
{
    private static readonly CheckResult SecretFailure = new("storage", CheckStatus.Failed,
        "the configured storage account does not answer at https://wandprod.blob.core.windows.net: No such host is known", "check Wand:Storage:ConnectionString");

    [Fact]
    public async Task StatusAsync_Unhealthy_Is503WithTheStatusAlone()
    {
        var api = new HealthApi(new HealthChecker([new FixedCheck(SecretFailure)]), TimeProvider.System);

        var answer = await api.StatusAsync(CancellationToken.None);

        Assert.Equal(503, answer.Status);
        Assert.Equal("""{"status":"unhealthy"}""", JsonSerializer.Serialize(answer.Body, WandJson.OneLine));
    }

    [Fact]
    public async Task StatusAsync_Healthy_Is200WithTheStatusAlone()
    {
        var api = new HealthApi(new HealthChecker([new FixedCheck(new CheckResult("docker", CheckStatus.Ok, "Docker 27.5 at unix:///var/run/docker.sock"))]), TimeProvider.System);

        var answer = await api.StatusAsync(CancellationToken.None);

        Assert.Equal(200, answer.Status);
        Assert.Equal("""{"status":"healthy"}""", JsonSerializer.Serialize(answer.Body, WandJson.OneLine));
    }

    [Fact]
    public async Task DetailsAsync_Unhealthy_Is503WithEveryCheck()
    {
        var api = new HealthApi(new HealthChecker([new FixedCheck(SecretFailure)]), TimeProvider.System);

        var answer = await api.DetailsAsync(CancellationToken.None);

        Assert.Equal(503, answer.Status);
        var view = Assert.IsType<HealthView>(answer.Body);
        Assert.Equal("unhealthy", view.Status);
        Assert.Equal(SecretFailure, Assert.Single(view.Checks!));
    }

    [Fact]
    public async Task StatusAsync_CalledInALoop_RunsTheChecksOncePerFiveSeconds()
    {
        var check = new CountingCheck();
        var clock = new ManualClock();
        var api = new HealthApi(new HealthChecker([check]), clock);

        for (var i = 0; i < 50; i++)
        {
            await api.StatusAsync(CancellationToken.None);
        }

        clock.Advance(TimeSpan.FromSeconds(6));
        await api.StatusAsync(CancellationToken.None);
        await api.DetailsAsync(CancellationToken.None);

        // 50 anonymous calls, one run; a later one, a second; the details are always run afresh.
        Assert.Equal(3, check.Runs);
    }

    private sealed class FixedCheck(CheckResult result) : IHealthCheck
    {
        public string Name => result.Name;

        public Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<CheckResult>>([result]);
    }

    private sealed class CountingCheck : IHealthCheck
    {
        private int _runs;

        public int Runs => _runs;

        public string Name => "counted";

        public Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            return Task.FromResult<IReadOnlyList<CheckResult>>([new CheckResult(Name, CheckStatus.Ok, "ok")]);
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
