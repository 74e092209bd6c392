using System.Text;
using Wand.Fixtures;
using Wand.Jobs;

namespace Wand.Sandbox;

/// <summary>
/// Java projects built by their own tool, offline: Maven (pom.xml) from Debian's Maven repository
/// in the image or from the repository an environment's setup filled, Gradle (build.gradle) when a
/// setup brought one. A compile error names its file and line; what is missing says which setup
/// brings it.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class JavaBuildToolsTests(DockerFixture docker) : IDisposable
{
    private const string JUnit4Pom = """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>example</groupId><artifactId>grades</artifactId><version>1.0</version>
          <properties><maven.compiler.release>17</maven.compiler.release></properties>
          <dependencies>
            <dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version><scope>test</scope></dependency>
            DEPENDENCY
          </dependencies>
        </project>
        """;

    private const string Grade = "package grades;\npublic final class Grade {\n    public static boolean passes(int score) { return score >= 50; }\n}\n";

    private const string GradeTest = "package grades;\nimport static org.junit.Assert.assertTrue;\nimport org.junit.Test;\npublic class GradeTest {\n    @Test public void fiftyPasses() { assertTrue(Grade.passes(50)); }\n}\n";

    private readonly JobFolders _folders = new();

    [Theory]
    [InlineData("repos/java-maven", "checkout/src/main/java/shop/checkout/Cart.java", "long sum = 0;", 26)]
    [InlineData("repos/java-gradle", "src/main/java/shop/Receipt.java", "return this;", 20)]
    public async Task ACompileError_IsNamedByFileAndLine(string sample, string file, string statement, int line)
    {
        var job = JobFolder.Load(RepositoryPaths.Samples(sample));
        var source = Encoding.UTF8.GetString(job.Files.Single(f => f.Path == file).Content);
        var broken = new JobFile(file, Encoding.UTF8.GetBytes(source.Replace(statement, statement.TrimEnd(';'), StringComparison.Ordinal)));

        var result = Assert.Single(await docker.Runner.RunVariantsAsync(new SandboxVariants(job, [new SandboxVariant([broken])], TimeSpan.FromSeconds(120)), default));

        Assert.Equal(ExitReason.CompileError, result.Reason);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == "error");
        Assert.Equal((file, line), (error.File, error.Line));
        Assert.Contains("';' expected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Maven_WithASetup_ResolvesFromTheRepositoryTheSetupFilled()
    {
        // A mirror of Maven Central, as companies have; here Debian's repository is the mirror. The
        // setup runs the tests, with the sources, since surefire fetches its test provider only
        // then; with Debian's surefire, that provider's version depends on where tests run
        // (-DforkCount=0: in Maven's JVM, as the runs do); from Central it is one version either way.
        var folder = _folders.Of(new Dictionary<string, string>
        {
            [".wand.yml"] = "setup: mvn -B -q -s .mvn/mirror.xml -DforkCount=0 -Dmaven.test.failure.ignore=true test\nsetupFiles: [\"**/pom.xml\", .mvn/mirror.xml, \"**/src/**\"]\n",
            [".mvn/mirror.xml"] = "<settings><mirrors><mirror><id>here</id><mirrorOf>*</mirrorOf><url>file:///usr/share/maven-repo</url></mirror></mirrors></settings>\n",
            ["pom.xml"] = JUnit4Pom.Replace("DEPENDENCY", "", StringComparison.Ordinal),
            ["src/main/java/grades/Grade.java"] = Grade,
            ["src/test/java/grades/GradeTest.java"] = GradeTest,
        });

        var result = await docker.Runner.RunAsync(JobFolder.Load(folder), CancellationToken.None);

        Assert.True(result.AllPassed, result.Stdout + result.Stderr);
        Assert.Equal("grades.GradeTest.fiftyPasses", Assert.Single(result.Tests).Name);
        Assert.Contains("artifacts from /wand-env/home/.m2/repository (the environment's setup)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Maven_AnArtifactThatIsNotHere_SaysWhichSetupFetchesIt()
    {
        var result = await RunGradesAsync(dependency: "<dependency><groupId>org.example</groupId><artifactId>nowhere</artifactId><version>1.0</version></dependency>");

        Assert.Equal(ExitReason.NoTests, result.Reason);
        Assert.StartsWith("the build failed before any test ran: ", result.Advice, StringComparison.Ordinal);
        Assert.Contains("org.example:nowhere 1.0 is not here (runs are offline); no version of it is here", result.Advice, StringComparison.Ordinal);
        Assert.Contains("setup: mvn -B dependency:go-offline", result.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Maven_APluginVersionThatIsNotHere_NamesTheVersionsThatAre()
    {
        var result = await RunGradesAsync(build: "<build><plugins><plugin><artifactId>maven-surefire-plugin</artifactId><version>2.22.2</version></plugin></plugins></build>");

        Assert.Equal(ExitReason.NoTests, result.Reason);
        Assert.Contains("org.apache.maven.plugins:maven-surefire-plugin 2.22.2 is not here (runs are offline); the versions here: ", result.Advice, StringComparison.Ordinal);
        Assert.Contains("2.22.3", result.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Maven_AnErrorWithDetails_IsOneDiagnosticWithThem()
    {
        // Maven prints each compiler error twice: with its details, then bare in its summary.
        var job = JobFolder.Load(RepositoryPaths.Samples("repos/java-maven"));
        const string file = "checkout/src/main/java/shop/checkout/Cart.java";
        var source = Encoding.UTF8.GetString(job.Files.Single(f => f.Path == file).Content);
        var broken = new JobFile(file, Encoding.UTF8.GetBytes(source.Replace("Discount.apply(sum, percentOff)", "Discount.apply(sum, percentOf)", StringComparison.Ordinal)));

        var result = Assert.Single(await docker.Runner.RunVariantsAsync(new SandboxVariants(job, [new SandboxVariant([broken])], TimeSpan.FromSeconds(120)), default));

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((file, 30), (error.File, error.Line));
        Assert.Equal("cannot find symbol\nsymbol:   variable percentOf\nlocation: class shop.checkout.Cart", error.Message);
    }

    [Fact]
    public async Task Gradle_WithoutAGradle_SaysWhichSetupBringsOne()
    {
        var folder = _folders.Of(new Dictionary<string, string>
        {
            ["build.gradle"] = "apply plugin: 'java'\n",
            ["src/main/java/grades/Grade.java"] = Grade,
        });

        var result = await docker.Runner.RunAsync(JobFolder.Load(folder), CancellationToken.None);

        Assert.False(result.AllPassed);
        Assert.Contains("there is no Gradle here", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("setup: ./gradlew --no-daemon testClasses", result.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => _folders.Dispose();

    /// <summary>Runs a Maven project of one class and its JUnit 4 test, with <paramref name="dependency"/> and <paramref name="build"/> in its pom.</summary>
    private async Task<SandboxResult> RunGradesAsync(string dependency = "", string build = "")
    {
        var folder = _folders.Of(new Dictionary<string, string>
        {
            ["pom.xml"] = JUnit4Pom.Replace("DEPENDENCY", dependency, StringComparison.Ordinal).Replace("</project>", build + "\n</project>", StringComparison.Ordinal),
            ["src/main/java/grades/Grade.java"] = Grade,
            ["src/test/java/grades/GradeTest.java"] = GradeTest,
        });
        return await docker.Runner.RunAsync(JobFolder.Load(folder), CancellationToken.None);
    }
}
