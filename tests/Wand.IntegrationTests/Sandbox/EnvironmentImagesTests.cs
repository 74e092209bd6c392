using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Wand.Fixtures;
using Wand.Jobs;

namespace Wand.Sandbox;

/// <summary>
/// Jobs with an environment (<c>.wand.yml</c>'s setup: and image:): the sample repositories of
/// samples/repos install their real dependencies from the npm registry once, into an image every
/// run then starts from with no network.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class EnvironmentImagesTests(DockerFixture docker) : IDisposable
{
    private readonly JobFolders _folders = new();

    private EnvironmentImages Environments => docker.Services.GetRequiredService<EnvironmentImages>();

    [Fact]
    public async Task MochaRepository_IsSetUpOnce_AndEveryRunStartsFromThatImage()
    {
        var job = JobFolder.Load(RepositoryPaths.Samples("repos/js-mocha"));

        var image = await Environments.ImageForAsync(job, CancellationToken.None);
        var made = await docker.Connection.Client.Images.InspectImageAsync(image);
        var again = await Environments.ImageForAsync(job with { Files = [.. job.Files.Where(f => f.Path != "README.md")] }, CancellationToken.None);
        var result = await docker.Runner.RunAsync(job, CancellationToken.None);

        Assert.StartsWith("wand-sandbox-env-", image, StringComparison.Ordinal);
        Assert.Equal(image, again);
        Assert.Equal(made.ID, (await docker.Connection.Client.Images.InspectImageAsync(again)).ID);
        Assert.True(result.AllPassed, result.Stdout + result.Stderr);
        Assert.Equal(6, result.Passed);
        Assert.Contains(result.Tests, t => t.Name == "formatDuration.round-trips");
    }

    [Fact]
    public async Task ChangedLockfile_IsANewEnvironment_ChangedSourceIsNot()
    {
        var job = JobFolder.Load(RepositoryPaths.Samples("repos/js-mocha"));
        var source = job.Files.Single(f => f.Path == "src/duration.js");
        var lockfile = job.Files.Single(f => f.Path == "package-lock.json");

        var first = await Environments.ImageForAsync(job, CancellationToken.None);
        var sourceChanged = await Environments.ImageForAsync(Replace(job, source with { Content = [.. source.Content, .. "\n// changed\n"u8] }), CancellationToken.None);
        var lockfileChanged = await Environments.ImageForAsync(Replace(job, lockfile with { Content = [.. lockfile.Content, .. "\n"u8] }), CancellationToken.None);

        Assert.Equal(first, sourceChanged);
        Assert.NotEqual(first, lockfileChanged);
    }

    [Theory]
    [InlineData("repos/js-mocha", "src/duration.js", "* UNITS[unit]", "+ UNITS[unit]", "parseDuration.reads hours and minutes", "expected 3691 to equal 5400")]
    [InlineData("repos/js-jest", "src/cart.js", "return gross - discount", "return gross + discount", "test/cart.test.js.total takes the discount off", "Received: 2310")]
    [InlineData("repos/js-vitest", "src/intervals.js", "start <= last[1]", "start < last[1]", "test/intervals.test.js.merge > joins touching intervals", "to deeply equal [ [ 1, 4 ] ]")]
    [InlineData("repos/ts-vitest", "src/pagination.ts", "hasNext: page < count", "hasNext: page <= count", "test/pagination.test.ts.paginate > gives the last, partial page", "to deeply equal")]
    public async Task EachFramework_ReportsEveryTest_AndTheFailingOnesWithTheirMessage(string sample, string file, string good, string bad, string failing, string message)
    {
        var job = JobFolder.Load(RepositoryPaths.Samples(sample));
        var source = job.Files.Single(f => f.Path == file);
        var text = Encoding.UTF8.GetString(source.Content);
        Assert.Contains(good, text, StringComparison.Ordinal);

        var passing = await docker.Runner.RunAsync(job, CancellationToken.None);
        var broken = await docker.Runner.RunAsync(Replace(job, source with { Content = Encoding.UTF8.GetBytes(text.Replace(good, bad, StringComparison.Ordinal)) }), CancellationToken.None);

        Assert.True(passing.AllPassed, passing.Stdout + passing.Stderr);
        Assert.Equal(ExitReason.Completed, broken.Reason);
        Assert.Equal(passing.Tests.Count, broken.Tests.Count);
        var failed = Assert.Single(broken.Tests, t => t.Name == failing);
        Assert.Equal(TestOutcome.Failed, failed.Outcome);
        Assert.Contains(message, failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DotnetNUnitAndMSTestProjects_RestoredInTheSetup_ReportEveryTest()
    {
        // samples/repos/dotnet-frameworks: setup: dotnet restore (NUnit, MSTest and their adapters
        // from NuGet); the runs are offline, and the JUnit logger is the image's, not the projects'.
        var job = JobFolder.Load(RepositoryPaths.Samples("repos/dotnet-frameworks"));
        var source = job.Files.Single(f => f.Path == "src/Money/Shares.cs");
        var fixedText = Encoding.UTF8.GetString(source.Content).Replace("i <= total % parts", "i < total % parts", StringComparison.Ordinal);

        var broken = await docker.Runner.RunAsync(job, CancellationToken.None);
        var passing = await docker.Runner.RunAsync(Replace(job, source with { Content = Encoding.UTF8.GetBytes(fixedText) }), CancellationToken.None);

        Assert.True(passing.AllPassed, passing.Stdout + passing.Stderr);
        Assert.Equal(6, passing.Tests.Count);
        Assert.Equal(2, passing.Tests.Count(t => t.Name.StartsWith("Money.MSTests.SharesTests.", StringComparison.Ordinal)));
        Assert.Equal(4, passing.Tests.Count(t => t.Name.StartsWith("Money.NUnitTests.SharesTests.", StringComparison.Ordinal)));
        Assert.Equal(5, broken.Failed);
        Assert.Contains(broken.Tests, t => t.Name == "Money.MSTests.SharesTests.Split_KeepsTheTotal" && t.Outcome == TestOutcome.Failed);
    }

    [Fact]
    public async Task Candidates_ShareTheEnvironment_AndNoneCanChangeItForAnother()
    {
        var job = JobFolder.Load(RepositoryPaths.Samples("repos/js-mocha"));
        var tamper = new JobFile("test/tamper.test.js", Encoding.UTF8.GetBytes("""
            const fs = require("fs");
            describe("tamper", () => {
              it("cannot rewrite the shared chai", () => {
                let refused = null;
                try { fs.writeFileSync(require.resolve("chai"), "module.exports = {};"); } catch (e) { refused = e.code; }
                if (!refused) throw new Error("rewrote chai");
                fs.rmSync("node_modules", { recursive: true, force: true });
              });
            });
            """));
        var run = new SandboxVariants(job, [new SandboxVariant([tamper]), new SandboxVariant([])], job.Timeout);

        var results = await docker.Runner.RunVariantsAsync(run, CancellationToken.None);

        Assert.Equal(7, results[0].Passed);
        Assert.True(results[1].AllPassed, results[1].Stdout + results[1].Stderr);
        Assert.Equal(6, results[1].Passed);
    }

    [Fact]
    public async Task FailingSetup_IsSetupFailed_WithTheLogsTail_ForEveryRun()
    {
        var folder = _folders.CopyOfSample("python", new Dictionary<string, string>
        {
            [".wand.yml"] = "setup:\n  - echo fetching the dependencies\n  - exit 3\n  - echo never\n",
        });
        var job = JobFolder.Load(folder);

        var result = await docker.Runner.RunAsync(job, CancellationToken.None);
        var variants = await docker.Runner.RunVariantsAsync(new SandboxVariants(job, [new SandboxVariant([]), new SandboxVariant([])], job.Timeout), CancellationToken.None);

        Assert.Equal(ExitReason.SetupFailed, result.Reason);
        Assert.Empty(result.Tests);
        Assert.False(result.AllPassed);
        Assert.Contains("fetching the dependencies", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("setup[1] failed with exit status 3", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("never", result.Stderr.Replace("echo never", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("setup[1] failed with exit status 3", result.Advice, StringComparison.Ordinal);
        Assert.All(variants, v => Assert.Equal(ExitReason.SetupFailed, v.Reason));
        Assert.Equal(0, await docker.CountUsedSandboxContainersAsync());
    }

    [Fact]
    public async Task DockerfileAndSetup_InstallSystemPackages_TheTestsUse()
    {
        // The image comes from the job's own Dockerfile (Debian's python3-six), the setup adds to it
        // (Debian's python3-attr): both from Debian's registry, both in the image the tests run in.
        var folder = _folders.Of(new Dictionary<string, string>
        {
            ["ci/wand.Dockerfile"] = "FROM wand-sandbox-python\nUSER root\nRUN apt-get update && apt-get install -y --no-install-recommends python3-six && rm -rf /var/lib/apt/lists/*\n",
            [".wand.yml"] = "image: ci/wand.Dockerfile\nsetup: apt-get update && apt-get install -y --no-install-recommends python3-attr\n",
            ["test_packages.py"] = "import attr\nimport six\n\ndef test_both_installed():\n    assert six.PY3 and attr.s\n",
        });
        var job = JobFolder.Load(folder);

        var result = await docker.Runner.RunAsync(job, CancellationToken.None);

        Assert.True(result.AllPassed, result.Stdout + result.Stderr);
        Assert.Equal("test_packages.test_both_installed", Assert.Single(result.Tests).Name);
    }

    [Fact]
    public async Task ADotnetSolutionForAnOlderDotnet_RunsItsTestsOnTheImagesRuntime()
    {
        // As most real ones do, it targets .NET 8, whose targeting pack setup: restores from NuGet;
        // the image has only its own runtime, on which its test hosts run.
        var sample = JobFolder.Load(RepositoryPaths.Samples("repos/dotnet-solution"));
        var files = sample.Files.ToDictionary(f => f.Path, f => Encoding.UTF8.GetString(f.Content).Replace("<TargetFramework>net10.0<", "<TargetFramework>net8.0<", StringComparison.Ordinal));
        files[".wand.yml"] = "setup: dotnet restore Calc.sln\n";

        var result = await docker.Runner.RunAsync(JobFolder.Load(_folders.Of(files)), CancellationToken.None);

        Assert.True(result.AllPassed, $"{result.Reason}: {result.Advice}\n{result.Stdout}\n{result.Stderr}");
        Assert.Equal(6, result.Passed);
    }

    [Fact]
    public async Task PipInstall_InTheSetup_IsWhatTheTestsImport()
    {
        // A Python dependency installed by pip from a wheel of the job's own (no package index is
        // reachable here; with one, `pip install -r requirements.txt` is the same step).
        var folder = _folders.Of(new Dictionary<string, string>
        {
            [".wand.yml"] = "setup: pip install --no-index -r requirements.txt\nsetupFiles: [requirements.txt, \"wheels/*.whl\"]\n",
            ["requirements.txt"] = "./wheels/tinyunits-1.0-py3-none-any.whl\n",
            ["test_units.py"] = "from tinyunits import kilo\n\n\ndef test_kilo():\n    assert kilo(2) == 2000\n",
        });
        Directory.CreateDirectory(Path.Combine(folder, "wheels"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "wheels", "tinyunits-1.0-py3-none-any.whl"), Wheel("tinyunits", "1.0", "def kilo(x):\n    return x * 1000\n"));

        var result = await docker.Runner.RunAsync(JobFolder.Load(folder), CancellationToken.None);

        Assert.True(result.AllPassed, result.Stdout + result.Stderr);
        Assert.Equal("test_units.test_kilo", Assert.Single(result.Tests).Name);
    }

    /// <summary>A pure-Python wheel of one module, as the wheel format lays it out (RECORD with its hashes).</summary>
    private static byte[] Wheel(string name, string version, string module)
    {
        var info = $"{name}-{version}.dist-info";
        var files = new Dictionary<string, string>
        {
            [$"{name}/__init__.py"] = module,
            [$"{info}/METADATA"] = $"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
            [$"{info}/WHEEL"] = "Wheel-Version: 1.0\nGenerator: wand-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        };
        static string Hash(string text) => Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        files[$"{info}/RECORD"] = string.Concat(files.Select(f => $"{f.Key},sha256={Hash(f.Value)},{Encoding.UTF8.GetByteCount(f.Value)}\n")) + $"{info}/RECORD,,\n";
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, text) in files)
            {
                using var entry = archive.CreateEntry(path).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return zip.ToArray();
    }

    [Fact]
    public async Task BrokenDockerfile_IsSetupFailed_WithTheBuildsError()
    {
        var folder = _folders.Of(new Dictionary<string, string>
        {
            ["Dockerfile"] = "FROM wand-sandbox-python\nRUN echo building && false\n",
            [".wand.yml"] = "image: Dockerfile\n",
            ["test_x.py"] = "def test_x():\n    pass\n",
        });

        var result = await docker.Runner.RunAsync(JobFolder.Load(folder), CancellationToken.None);

        Assert.Equal(ExitReason.SetupFailed, result.Reason);
        Assert.Contains("building Dockerfile failed", result.Advice, StringComparison.Ordinal);
        Assert.Contains("building", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingImage_IsSetupFailed_NamingIt()
    {
        var folder = _folders.Of(new Dictionary<string, string>
        {
            [".wand.yml"] = "image: wand-no-such-image:1\n",
            ["test_x.py"] = "def test_x():\n    pass\n",
        });

        var result = await docker.Runner.RunAsync(JobFolder.Load(folder), CancellationToken.None);

        Assert.Equal(ExitReason.SetupFailed, result.Reason);
        Assert.Contains("the image 'wand-no-such-image:1' is not on the Docker host", result.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_RunsTheTestsOfThatSubProjectOnly_AndNamesItsFilesFromTheTop()
    {
        // A monorepo of two packages; the other one's tests fail and its code does not even parse.
        var folder = _folders.Of(new Dictionary<string, string>
        {
            [".wand.yml"] = "root: packages/core\n",
            ["packages/core/sum.js"] = "module.exports = (a, b) => a + b;\n",
            ["packages/core/sum.test.js"] = "const test = require(\"node:test\");\nconst assert = require(\"node:assert\");\nconst sum = require(\"./sum\");\ntest(\"adds\", () => assert.strictEqual(sum(1, 2), 3));\n",
            ["packages/web/app.js"] = "module.exports = function ( {\n",
            ["packages/web/app.test.js"] = "require(\"node:test\")(\"fails\", () => { throw new Error(\"web\"); });\n",
        });
        var job = JobFolder.Load(folder);
        var broken = job with { Files = [.. job.Files.Select(f => f.Path == "packages/core/sum.js" ? new JobFile(f.Path, "module.exports = (a, b) => a + ;\n"u8.ToArray()) : f)] };

        var result = await docker.Runner.RunAsync(job, CancellationToken.None);
        var compile = await docker.Runner.RunAsync(broken, CancellationToken.None);

        Assert.True(result.AllPassed, result.Stdout + result.Stderr);
        Assert.Equal("adds", Assert.Single(result.Tests).Name);
        Assert.Equal(ExitReason.CompileError, compile.Reason);
        Assert.Equal("packages/core/sum.js", Assert.Single(compile.Diagnostics).File);
    }

    [Fact]
    public async Task MemoryMb_IsTheRunsMemory()
    {
        // 300 MB fits the default 1024 MB, not the 128 MB the job asks for.
        var files = new Dictionary<string, string>
        {
            ["test_big.py"] = "def test_big():\n    block = bytearray(300 * 1024 * 1024)\n    assert len(block) > 0\n",
        };
        var roomy = JobFolder.Load(_folders.Of(files));
        var small = JobFolder.Load(_folders.Of(new Dictionary<string, string>(files) { [".wand.yml"] = "memoryMb: 128\n" }));

        var fits = await docker.Runner.RunAsync(roomy, CancellationToken.None);
        var dies = await docker.Runner.RunAsync(small, CancellationToken.None);

        Assert.True(fits.AllPassed, fits.Stdout + fits.Stderr);
        Assert.Equal(ExitReason.OutOfMemory, dies.Reason);
    }

    [Fact]
    public async Task Localhost_Resolves_ForSuitesThatStartServers()
    {
        var folder = _folders.Of(new Dictionary<string, string>
        {
            ["test_local.py"] = "import socket\n\ndef test_localhost():\n    assert socket.gethostbyname('localhost') == '127.0.0.1'\n",
        });

        var result = await docker.Runner.RunAsync(JobFolder.Load(folder), CancellationToken.None);

        Assert.True(result.AllPassed, result.Stdout + result.Stderr);
    }

    [Theory]
    [InlineData(true, "setup: npm ci")]
    [InlineData(false, "setup: npm install")]
    public async Task AProjectWhoseFrameworkIsNotInstalled_IsToldHowToInstallIt(bool withLockfile, string install)
    {
        var sample = JobFolder.Load(RepositoryPaths.Samples("repos/js-mocha"));
        var job = sample with { Environment = null, Files = [.. sample.Files.Where(f => withLockfile || f.Path != "package-lock.json")] };

        var result = await docker.Runner.RunAsync(job, CancellationToken.None);

        Assert.Equal(ExitReason.NoTests, result.Reason);
        Assert.Equal("no test ran: package.json runs mocha, which is not installed (node_modules/mocha is missing). "
            + $"install the project's dependencies in .wand.yml:  {install}", result.Advice);
    }

    private static Job Replace(Job job, JobFile file) => job with { Files = [.. job.Files.Select(f => f.Path == file.Path ? file : f)] };

    public void Dispose() => _folders.Dispose();
}
