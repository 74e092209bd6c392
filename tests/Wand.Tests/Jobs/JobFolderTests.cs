namespace Wand.Jobs;

public sealed class JobFolderTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("wand-jobfolder-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Load_PythonFiles_DetectsPythonAndSkipsBuildOutput()
    {
        Write("app.py", "x = 1");
        Write("test_app.py", "def test(): pass");
        Write("__pycache__/app.cpython-311.pyc", "junk");
        Write(".git/HEAD", "ref");

        var job = JobFolder.Load(_folder.FullName);

        Assert.Equal("python", job.Language.Name);
        Assert.Equal(["app.py", "test_app.py"], job.Files.Select(f => f.Path));
        Assert.Equal("wand-test", job.TestCommand);
        Assert.Equal(Job.DefaultTimeout, job.Timeout);
    }

    [Fact]
    public void Load_Dotfiles_TravelButTheSettingsAndSecrets()
    {
        // Test frameworks and package managers read their dotfiles; .env files hold secrets by convention.
        Write("index.js", "module.exports = 1");
        Write(".mocharc.yml", "spec: test");
        Write(".npmrc", "registry=https://registry.npmjs.org/");
        Write(".wand.yml", "language: javascript");
        Write(".env", "TOKEN=secret");
        Write(".env.local", "TOKEN=secret");
        Write(".github/workflows/ci.yml", "on: push");

        var job = JobFolder.Load(_folder.FullName);

        Assert.Equal([".mocharc.yml", ".npmrc", "index.js"], job.Files.Select(f => f.Path));
    }

    [Fact]
    public void Load_HiddenFolders_StayBehind_ButThoseThatConfigureTheBuild()
    {
        // cargo vendor's source replacement, the Maven wrapper, dotnet's local tools travel; tools' state does not.
        Write("src/lib.rs", "");
        Write(".cargo/config.toml", "[source.crates-io]\nreplace-with = \"vendored-sources\"");
        Write(".mvn/wrapper/maven-wrapper.properties", "distributionUrl=x");
        Write(".config/dotnet-tools.json", "{}");
        Write(".git/HEAD", "ref: refs/heads/main");
        Write(".venv/bin/python", "");
        Write(".idea/workspace.xml", "<project/>");

        var job = JobFolder.Load(_folder.FullName, "rust");

        Assert.Equal([".cargo/config.toml", ".config/dotnet-tools.json", ".mvn/wrapper/maven-wrapper.properties", "src/lib.rs"], job.Files.Select(f => f.Path).Order());
    }

    [Fact]
    public void Load_APackagesBinFolder_IsSource()
    {
        // An npm package's command line lives in bin/: no .NET project beside it makes it build output.
        Write("package.json", "{}");
        Write("bin/cli.js", "require('../index.js')");
        Write("index.js", "module.exports = 1");

        var job = JobFolder.Load(_folder.FullName);

        Assert.Equal(["index.js", "package.json", "bin/cli.js"], job.Files.Select(f => f.Path));
    }

    [Theory]
    [InlineData("App.csproj", "bin/Debug/App.dll")]
    [InlineData("App.csproj", "obj/project.assets.json")]
    [InlineData("Cargo.toml", "target/debug/app")]
    [InlineData("pom.xml", "target/classes/App.class")]
    [InlineData("CMakeLists.txt", "build/app.o")]
    public void Load_TheOutputOfTheBuildToolBesideIt_StaysBehind(string buildFile, string output)
    {
        Write(buildFile, "");
        Write("src/main.txt", "x");
        Write(output, "built");

        var job = JobFolder.Load(_folder.FullName, "python");

        Assert.DoesNotContain(job.Files, f => f.Path == output);
        Assert.Contains(job.Files, f => f.Path == buildFile);
    }

    [Fact]
    public void Load_WandYml_SetsTheJobAndStaysOutOfItsFiles()
    {
        Write("app.js", "x = 1");
        Write(".wand.yml", "language: python\ntest: python3 -m pytest -x\ntimeoutSeconds: 9\neditable: [app.js]\n");

        var job = JobFolder.Load(_folder.FullName);

        Assert.Equal("python", job.Language.Name);
        Assert.Equal("python3 -m pytest -x", job.TestCommand);
        Assert.Equal(TimeSpan.FromSeconds(9), job.Timeout);
        Assert.Equal(["app.js"], job.Editable);
        Assert.Equal(["app.js"], job.Files.Select(f => f.Path));
    }

    [Fact]
    public void Load_LanguageArgument_WinsOverWandYml()
    {
        Write("a.py", "x = 1");
        Write(".wand.yml", "language: go\n");

        Assert.Equal("python", JobFolder.Load(_folder.FullName, "py").Language.Name);
    }

    [Fact]
    public void Load_WandYmlWithATypo_NamesTheKey()
    {
        Write("a.py", "x = 1");
        Write(".wand.yml", "tset: pytest\n");

        var error = Assert.Throws<InvalidJobException>(() => JobFolder.Load(_folder.FullName));
        Assert.Contains("unknown key 'tset'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Subfolders_UseForwardSlashes()
    {
        Write("pkg/mod.py", "x = 1");

        Assert.Equal("pkg/mod.py", Assert.Single(JobFolder.Load(_folder.FullName).Files).Path);
    }

    [Fact]
    public void Load_EmptyFolder_SaysItIsEmpty()
    {
        var error = Assert.Throws<InvalidJobException>(() => JobFolder.Load(_folder.FullName));
        Assert.Contains("is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFolder_SaysItDoesNotExist()
    {
        var error = Assert.Throws<InvalidJobException>(() => JobFolder.Load(Path.Combine(_folder.FullName, "nope")));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownLanguage_NamesItAndTheKnownOnes()
    {
        Write("a.py", "x = 1");
        var error = Assert.Throws<InvalidJobException>(() => JobFolder.Load(_folder.FullName, "cobol"));
        Assert.Contains("unknown language 'cobol'", error.Message, StringComparison.Ordinal);
        Assert.Contains("python", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoKnownSources_AsksForALanguage()
    {
        Write("notes.txt", "hello");
        var error = Assert.Throws<InvalidJobException>(() => JobFolder.Load(_folder.FullName));
        Assert.Contains("--language", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileOverTheLimit_NamesTheFile()
    {
        Write("big.py", new string('x', 2000));
        var error = Assert.Throws<InvalidJobException>(() => JobFolder.Load(_folder.FullName, limits: new JobFolderLimits(MaxFileBytes: 1000)));
        Assert.Contains("'big.py' is 2,000 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TooManyFiles_SaysHowManyAreAllowed()
    {
        for (var i = 0; i < 4; i++)
        {
            Write($"m{i}.py", "x = 1");
        }

        var error = Assert.Throws<InvalidJobException>(() => JobFolder.Load(_folder.FullName, limits: new JobFolderLimits(MaxFiles: 3)));
        Assert.Contains("more than 3 files", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WandYmlWithAnEditableGlobOutsideTheJob_GetsTheMessageEveryWayInGets()
    {
        Write("a.py", "x = 1");
        Write(".wand.yml", "editable: [a.py, ../outside.py]\n");

        var error = Assert.Throws<InvalidJobException>(() => JobFolder.Load(_folder.FullName));

        Assert.Equal($".wand.yml: {EditableGlobs.Problem(["a.py", "../outside.py"])}", error.Message);
    }

    [Fact]
    public void Load_SymlinkToAHostFile_IsNotRead()
    {
        Write("a.py", "x = 1");
        File.CreateSymbolicLink(Path.Combine(_folder.FullName, "passwd.py"), "/etc/passwd");

        Assert.Equal(["a.py"], JobFolder.Load(_folder.FullName).Files.Select(f => f.Path));
    }

    [Fact]
    public void Load_WandYmlThatIsASymlinkToAFileOutside_IsRefusedNamingIt_AndNothingOfTheTargetIsEchoed()
    {
        Write("a.py", "x = 1");
        // Read, this would be an unknown key that the error names: a secret from outside the job.
        var outside = Path.Combine(Path.GetTempPath(), $"wand-outside-{Guid.NewGuid():N}.yml");
        File.WriteAllText(outside, "hunter2-secret-token: yes\n");
        try
        {
            File.CreateSymbolicLink(Path.Combine(_folder.FullName, ".wand.yml"), outside);

            var error = Assert.Throws<InvalidJobException>(() => JobFolder.Load(_folder.FullName));

            Assert.StartsWith(".wand.yml is a symbolic link; Wand reads only regular files of a job", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/urandom")]
    [InlineData("/no/such/file")]
    public async Task Load_WandYmlThatIsASymlinkToADeviceOrNothing_IsRefusedAtOnce(string target)
    {
        Write("a.py", "x = 1");
        File.CreateSymbolicLink(Path.Combine(_folder.FullName, ".wand.yml"), target);

        var error = await Assert.ThrowsAsync<InvalidJobException>(() => LoadWithinAsync(TimeSpan.FromSeconds(10)));

        Assert.StartsWith(".wand.yml is a symbolic link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_WandYmlThatIsAFifo_IsRefusedWithoutWaitingForAWriter()
    {
        Write("a.py", "x = 1");
        MakeFifo(".wand.yml");

        var error = await Assert.ThrowsAsync<InvalidJobException>(() => LoadWithinAsync(TimeSpan.FromSeconds(10)));

        Assert.StartsWith(".wand.yml is a FIFO (named pipe); Wand reads only regular files of a job", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WandYmlThatIsAFolder_IsRefused()
    {
        Write("a.py", "x = 1");
        Directory.CreateDirectory(Path.Combine(_folder.FullName, ".wand.yml"));

        var error = Assert.Throws<InvalidJobException>(() => JobFolder.Load(_folder.FullName));

        Assert.StartsWith(".wand.yml is a directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WandYmlThatIsAHardLink_IsRefused_SinceItsOtherNameMayLieOutsideTheJob()
    {
        Write("a.py", "x = 1");
        var outside = Path.Combine(_folder.FullName, "..", $"wand-outside-{Guid.NewGuid():N}.yml");
        File.WriteAllText(outside, "language: python\n");
        try
        {
            HardLink(outside, ".wand.yml");

            var error = Assert.Throws<InvalidJobException>(() => JobFolder.Load(_folder.FullName));

            Assert.Equal(".wand.yml has 2 hard links; Wand reads only files with one name, since another name may lie outside the job (copy the file instead of linking it)", error.Message);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public void Load_WandYmlOverTheCap_IsRefusedWithoutParsingIt()
    {
        Write("a.py", "x = 1");
        Write(".wand.yml", "task: \"" + new string('x', JobSettings.MaxFileBytes) + "\"\n");

        var error = Assert.Throws<InvalidJobException>(() => JobFolder.Load(_folder.FullName));

        Assert.Equal($".wand.yml is {JobSettings.MaxFileBytes + 9:N0} bytes; the limit is {JobSettings.MaxFileBytes:N0}", error.Message);
    }

    [Fact]
    public void Load_WandYmlThatIsNotUtf8_SaysSo()
    {
        Write("a.py", "x = 1");
        File.WriteAllBytes(Path.Combine(_folder.FullName, ".wand.yml"), [0x74, 0x61, 0x73, 0x6b, 0x3a, 0x20, 0xff, 0xfe]);

        Assert.Equal(".wand.yml is not UTF-8 text", Assert.Throws<InvalidJobException>(() => JobFolder.Load(_folder.FullName)).Message);
    }

    [Fact]
    public async Task Load_SpecialFilesAndLinksToThem_AreSkippedLikeSymlinks_WithoutBlocking()
    {
        Write("a.py", "x = 1");
        MakeFifo("pipe.py");
        File.CreateSymbolicLink(Path.Combine(_folder.FullName, "zero.py"), "/dev/zero");
        File.CreateSymbolicLink(Path.Combine(_folder.FullName, "dangling.py"), "/no/such/file");
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(Path.Combine(_folder.FullName, "socket.py")));

        var job = await LoadWithinAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["a.py"], job.Files.Select(f => f.Path));
    }

    [Fact]
    public void Load_AJobFileThatIsAHardLink_IsRefusedNamingIt()
    {
        Write("a.py", "x = 1");
        var outside = Path.Combine(_folder.FullName, "..", $"wand-outside-{Guid.NewGuid():N}.py");
        File.WriteAllText(outside, "SECRET = 'hunter2'\n");
        try
        {
            HardLink(outside, "pkg/secret.py");

            var error = Assert.Throws<InvalidJobException>(() => JobFolder.Load(_folder.FullName));

            Assert.StartsWith("file 'pkg/secret.py' has 2 hard links", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public void Load_AFileNameWithANewline_IsShownOnOneLine()
    {
        Write("a.py", "x = 1");
        Write("b\nc.py", new string('x', 2000));

        var error = Assert.Throws<InvalidJobException>(() => JobFolder.Load(_folder.FullName, limits: new JobFolderLimits(MaxFileBytes: 1000)));

        Assert.Equal("file 'b\\u000ac.py' is 2,000 bytes; the limit is 1,000", error.Message);
    }

    /// <summary>Loads the folder, failing the test with a TimeoutException when that blocks (on a FIFO, say).</summary>
    private Task<Job> LoadWithinAsync(TimeSpan patience) => Task.Run(() => JobFolder.Load(_folder.FullName)).WaitAsync(patience);

    private void MakeFifo(string relative) => Run("mkfifo", Path.Combine(_folder.FullName, relative));

    private void HardLink(string target, string relative)
    {
        var link = Path.Combine(_folder.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        Run("ln", target, link);
    }

    private static void Run(string command, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(command, args);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_folder.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
