using System.Text;
using Wand.Fixtures;
using Wand.Jobs;

namespace Wand.Sandbox;

/// <summary>
/// Repositories with dependencies build and test in the sandbox, which has no network: carried
/// in the repository (Go's vendor/, cargo vendor's vendor/ and .cargo/config.toml), or downloaded
/// by the environment's setup (Go's module cache, from a module proxy; Gradle and a Java library
/// from Debian's packages); Maven's modules, which depend on each other; and a CMake project's
/// tests, which CTest runs.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class DependenciesTests(DockerFixture docker)
{
    [Theory]
    [InlineData("repos/go-vendored", "shop.go", "people+1", "people", "TestPerPerson")]
    [InlineData("repos/rust-vendored", "src/lib.rs", "people + 1", "people", "shares_with_the_odd_cents_first")]
    [InlineData("repos/go-modules", "shop.go", "people+1", "people", "TestPerPerson")]
    [InlineData("repos/cpp-cmake", "src/shares.cpp", "i <= total % parts", "i < total % parts", "Split.GivesTheOddCentsToTheFirstParts")]
    [InlineData("repos/java-maven", "pricing/src/main/java/shop/pricing/Discount.java", "100 + percent", "100 - percent", "DiscountTest.takesThePercentOff")]
    [InlineData("repos/java-gradle", "src/main/java/shop/Receipt.java", "width - price.length() + 1", "width - price.length()", "ReceiptTest.padsTheNameSoThatPricesLineUp")]
    public async Task TheDependency_BuildsOffline_AndTheTestsSayWhatIsWrong(string sample, string file, string bug, string fix, string failing)
    {
        var job = JobFolder.Load(RepositoryPaths.Samples(sample));
        var source = Encoding.UTF8.GetString(job.Files.Single(f => f.Path == file).Content);
        var fixedFile = new JobFile(file, Encoding.UTF8.GetBytes(source.Replace(bug, fix, StringComparison.Ordinal)));

        var results = await docker.Runner.RunVariantsAsync(new SandboxVariants(job, [new SandboxVariant([]), new SandboxVariant([fixedFile])], TimeSpan.FromSeconds(120)), default);

        Assert.Equal(ExitReason.Completed, results[0].Reason);
        var failed = Assert.Single(results[0].Tests, t => t.Name.EndsWith(failing, StringComparison.Ordinal));
        Assert.Equal(TestOutcome.Failed, failed.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(failed.Message));
        Assert.True(results[1].AllPassed, $"{results[1].Reason}: {results[1].Stderr}");
        Assert.Equal(results[0].Tests.Count, results[1].Tests.Count);
    }
}
