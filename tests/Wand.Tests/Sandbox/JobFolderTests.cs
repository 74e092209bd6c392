namespace Wand.Sandbox;

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
        Assert.Equal(SandboxJob.DefaultTimeout, job.Timeout);
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
    public void Load_SymlinkToAHostFile_IsNotRead()
    {
        Write("a.py", "x = 1");
        File.CreateSymbolicLink(Path.Combine(_folder.FullName, "passwd.py"), "/etc/passwd");

        Assert.Equal(["a.py"], JobFolder.Load(_folder.FullName).Files.Select(f => f.Path));
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_folder.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
