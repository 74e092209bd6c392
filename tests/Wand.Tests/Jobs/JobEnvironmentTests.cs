using System.Text;

namespace Wand.Jobs;

public sealed class JobEnvironmentTests
{
    private static JobFile File(string path, string content = "x") => new(path, Encoding.UTF8.GetBytes(content));

    [Fact]
    public void Parse_SetupImageFilesAndResources()
    {
        var settings = JobSettings.Parse("""
            setup:
              - npm ci
              - npm run build
            image: ci/wand.Dockerfile
            setupFiles: ["package*.json", "ci/**"]
            memoryMb: 2048
            cpus: 1.5
            """);

        Assert.Equal(new JobEnvironment("ci/wand.Dockerfile", ["npm ci", "npm run build"], ["package*.json", "ci/**"]), settings.Environment,
            EnvironmentComparer.Instance);
        Assert.Equal(new JobResources(2048, 1.5), settings.Resources);
    }

    [Fact]
    public void Parse_OneCommand_IsAListOfOne()
    {
        var settings = JobSettings.Parse("setup: npm ci");

        Assert.Equal(["npm ci"], settings.Environment!.Setup);
        Assert.Null(settings.Environment.Image);
        Assert.Null(settings.Environment.SetupFiles);
        Assert.Null(settings.Resources);
    }

    [Theory]
    [InlineData("setupFiles: [a]", "'setupFiles' says what 'setup' reads, and there is no 'setup' or 'image'")]
    [InlineData("setup: ''", "'setup' commands and 'image' must not be empty")]
    [InlineData("setup: [npm ci, '  ']", "'setup' commands and 'image' must not be empty")]
    [InlineData("setup: {run: npm ci}", "'setup' must be a list, or one value")]
    [InlineData("setup: npm ci\nsetupFiles: [../up]", "setupFiles[0] '../up' must be a relative path inside the job")]
    [InlineData("memoryMb: 32", "memoryMb must be a whole number from 64 to 65536 (got '32')")]
    [InlineData("memoryMb: 1.5", "memoryMb must be a whole number from 64 to 65536 (got '1.5')")]
    [InlineData("cpus: 0", "cpus must be a number above 0 and at most 64 (got '0')")]
    [InlineData("cpus: -1", "cpus must be a number above 0 and at most 64 (got '-1')")]
    [InlineData("cpus: many", "cpus must be a number above 0 and at most 64 (got 'many')")]
    public void Parse_BadEnvironmentOrResources_NamesTheKey(string yaml, string expected)
    {
        var error = Assert.Throws<InvalidJobException>(() => JobSettings.Parse(yaml));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooManyCommands_IsRefused()
    {
        var yaml = "setup:\n" + string.Concat(Enumerable.Range(0, JobEnvironment.MaxCommands + 1).Select(i => $"  - echo {i}\n"));

        var error = Assert.Throws<InvalidJobException>(() => JobSettings.Parse(yaml));

        Assert.Contains($"setup has 51 commands; the limit is {JobEnvironment.MaxCommands}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FilesRead_ByDefault_AreTheManifestsAndLockfilesAtAnyDepth()
    {
        var files = new[]
        {
            File("package.json"), File("package-lock.json"), File("src/index.js"), File("web/package.json"),
            File("requirements-dev.txt"), File("App/App.csproj"), File("go.sum"), File("README.md"), File(".npmrc"),
        };

        var read = new JobEnvironment(null, ["npm ci"]).FilesRead(files).Select(f => f.Path);

        Assert.Equal([".npmrc", "App/App.csproj", "go.sum", "package-lock.json", "package.json", "requirements-dev.txt", "web/package.json"], read);
    }

    [Fact]
    public void FilesRead_ByDefault_TakeMavenAndGradleWithTheirWrappers()
    {
        var files = new[]
        {
            File("pom.xml"), File("core/pom.xml"), File("mvnw"), File(".mvn/maven.config"), File(".mvn/wrapper/maven-wrapper.properties"),
            File("core/src/main/java/A.java"), File("gradlew"), File("gradle/wrapper/gradle-wrapper.jar"), File("app/build.gradle.kts"),
        };

        var read = new JobEnvironment(null, ["mvn -B dependency:go-offline"]).FilesRead(files).Select(f => f.Path);

        Assert.Equal([".mvn/maven.config", ".mvn/wrapper/maven-wrapper.properties", "app/build.gradle.kts", "core/pom.xml", "gradle/wrapper/gradle-wrapper.jar", "gradlew", "mvnw", "pom.xml"], read);
    }

    [Fact]
    public void FilesRead_WithSetupFiles_AreThoseAndTheDockerfile()
    {
        var files = new[] { File("package.json"), File("tools/gen.sh"), File("ci/wand.Dockerfile") };

        var read = new JobEnvironment("ci/wand.Dockerfile", ["sh tools/gen.sh"], ["tools/*.sh"]).FilesRead(files).Select(f => f.Path);

        Assert.Equal(["ci/wand.Dockerfile", "tools/gen.sh"], read);
    }

    [Theory]
    [InlineData("wand-sandbox-node", true)]
    [InlineData("registry.example.com:5000/team/node:20-bookworm", true)]
    [InlineData("node@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("Node:20", false)]
    [InlineData("node 20", false)]
    [InlineData("--privileged", false)]
    [InlineData("ci/missing.Dockerfile", false)]
    public void Image_IsAJobFileOrAnImageName(string image, bool valid)
    {
        var problem = new JobEnvironment(image, []).Problem([File("Dockerfile")]);

        Assert.Equal(valid, problem is null);
        if (!valid)
        {
            Assert.Contains("is neither a file of the job (a Dockerfile) nor an image name", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Image_NamingAJobFile_IsItsDockerfile()
    {
        var files = new[] { File("Dockerfile"), File("main.py") };

        Assert.True(new JobEnvironment("Dockerfile", []).ImageIsDockerfile(files));
        Assert.False(new JobEnvironment("wand-sandbox-python", []).ImageIsDockerfile(files));
    }

    [Fact]
    public void Job_AskingForMoreThanResourcesAllow_IsRefused()
    {
        var job = Job.Create([File("a.py")], LanguageProfile.Python) with { Resources = new JobResources(null, 0) };

        var error = Assert.Throws<InvalidJobException>(() => job.Validate(JobFolderLimits.Default));

        Assert.Equal("cpus must be more than 0 and at most 64", error.Message);
    }

    [Fact]
    public void StoredJob_KeepsTheEnvironmentAndResources()
    {
        var job = Job.Create([File("a.js")], LanguageProfile.JavaScript) with
        {
            Environment = new JobEnvironment(null, ["npm ci"]),
            Resources = new JobResources(512, null),
        };

        var back = StoredJob.From(job).ToJob();

        Assert.Equal(["npm ci"], back.Environment!.Setup);
        Assert.Equal(new JobResources(512, null), back.Resources);
    }

    [Theory]
    [InlineData("root: packages/core", "packages/core")]
    [InlineData("root: packages/core/", "packages/core")]
    [InlineData("root: .", null)]
    public void Parse_Root_IsASubProjectOfTheJob(string yaml, string? root) => Assert.Equal(root, JobSettings.Parse(yaml).Root);

    [Theory]
    [InlineData("root: ../elsewhere", "root: file path '../elsewhere' must stay inside the job")]
    [InlineData("root: /etc", "root: file path '/etc' must be relative")]
    public void Parse_RootOutsideTheJob_IsRefused(string yaml, string expected) =>
        Assert.Contains(expected, Assert.Throws<InvalidJobException>(() => JobSettings.Parse(yaml)).Message, StringComparison.Ordinal);

    [Fact]
    public void Root_ThatHoldsNoFile_IsRefused_AndTheDefaultEditableFilesAreItsOwn()
    {
        var files = new[] { File("packages/core/sum.js"), File("packages/core/sum.test.js"), File("packages/web/app.js") };
        var settings = JobSettings.Parse("root: packages/core");

        var job = settings.ToJob(files, null, "undetected", JobFolderLimits.Default);
        var error = Assert.Throws<InvalidJobException>(() => (settings with { Root = "packages/api" }).ToJob(files, null, "undetected", JobFolderLimits.Default));

        Assert.Equal(["packages/core/sum.js"], EditableFiles.Of(job));
        Assert.Equal("packages/core", StoredJob.From(job).ToJob().Root);
        Assert.Equal("root 'packages/api' holds none of the job's files", error.Message);
    }

    /// <summary>Records with lists compare their lists by reference; these compare them by content.</summary>
    private sealed class EnvironmentComparer : IEqualityComparer<JobEnvironment?>
    {
        public static readonly EnvironmentComparer Instance = new();

        public bool Equals(JobEnvironment? x, JobEnvironment? y) =>
            x?.Image == y?.Image && (x?.Setup ?? []).SequenceEqual(y?.Setup ?? []) && (x?.SetupFiles ?? []).SequenceEqual(y?.SetupFiles ?? []);

        public int GetHashCode(JobEnvironment? obj) => 0;
    }
}
