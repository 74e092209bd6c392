using Azure.Storage.Blobs;
using Wand.Fixtures;
using Wand.Sandbox;
using Wand.Sandbox.Reports;

namespace Wand.Storage;

[Collection(InfrastructureCollection.Name)]
public sealed class EvaluationCacheTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task PutThenTryGet_GivesTheSameResultBack()
    {
        var cache = new EvaluationCache(new ArtifactStore(new BlobServiceClient(azurite.ConnectionString), $"cache-test-{Guid.NewGuid():N}"));
        var result = new SandboxResult(ExitReason.Completed, 1,
            [new TestCaseResult("t.test_a", TestOutcome.Failed, "assert 1 == 2", TimeSpan.FromMilliseconds(12))],
            [new CompilerDiagnostic("a.py", 3, 1, "warning", "unused")],
            "out", "err", new SandboxTimings(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(200)));

        await cache.PutAsync("ab12cd", result, CancellationToken.None);
        var back = await cache.TryGetAsync("ab12cd", CancellationToken.None);

        Assert.NotNull(back);
        Assert.Equal(result.Reason, back.Reason);
        Assert.Equal(result.ExitCode, back.ExitCode);
        Assert.Equal(result.Tests, back.Tests);
        Assert.Equal(result.Diagnostics, back.Diagnostics);
        Assert.Equal(result.Timings, back.Timings);
        Assert.Equal("out", back.Stdout);
    }

    [Fact]
    public async Task TryGet_Unknown_IsNull()
    {
        var cache = new EvaluationCache(new ArtifactStore(new BlobServiceClient(azurite.ConnectionString), $"cache-test-{Guid.NewGuid():N}"));

        Assert.Null(await cache.TryGetAsync("ffff00", CancellationToken.None));
    }
}
