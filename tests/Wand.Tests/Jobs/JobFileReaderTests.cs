namespace Wand.Jobs;

/// <summary>Reading one file of a job: what the file system says it is decides, and the limit holds whatever its size said.</summary>
public sealed class JobFileReaderTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("wand-jobfilereader-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Read_ARegularFile_GivesItsBytes()
    {
        var path = Path.Combine(_folder.FullName, "a.py");
        File.WriteAllText(path, "x = 1\n");

        Assert.Equal("x = 1\n"u8.ToArray(), JobFileReader.Read(path, "file 'a.py'", 100));
    }

    [Fact]
    public void Read_AFileLargerThanItsSizeSays_StopsAtTheLimit()
    {
        // Files under /proc are regular files whose size reads 0 and whose content does not: a
        // file that grew after it was looked at, every time.
        Assert.Equal(0, JobFileStatus.Find("/proc/self/status")!.Value.Size);

        var error = Assert.Throws<InvalidJobException>(() => JobFileReader.Read("/proc/self/status", "file 'status'", 100));

        Assert.Equal("file 'status' grew past the limit of 100 bytes while it was read", error.Message);
    }

    [Fact]
    public async Task Read_AFileThatGrowsWhileItIsRead_NeverGivesMoreThanTheLimit()
    {
        var path = Path.Combine(_folder.FullName, "growing.py");
        await File.WriteAllTextAsync(path, "");
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            var block = new byte[64 * 1024];
            while (!stop.IsCancellationRequested)
            {
                await stream.WriteAsync(block);
                await stream.FlushAsync();
            }
        });
        while (new FileInfo(path).Length < 256 * 1024)
        {
            await Task.Delay(10);
        }

        try
        {
            var error = Assert.Throws<InvalidJobException>(() => JobFileReader.Read(path, "file 'growing.py'", 200_000));

            Assert.StartsWith("file 'growing.py' is ", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
            await writer;
        }
    }

    [Fact]
    public void Find_TellsKindsAndLinks_OfTheEntryItself()
    {
        var file = Path.Combine(_folder.FullName, "a.py");
        File.WriteAllText(file, "x");
        var link = Path.Combine(_folder.FullName, "link.py");
        File.CreateSymbolicLink(link, file);

        Assert.Equal((JobFileKind.Regular, 1L, 1L), Short(JobFileStatus.Find(file)));
        Assert.Equal(JobFileKind.SymbolicLink, JobFileStatus.Find(link)!.Value.Kind);
        Assert.Equal(JobFileKind.CharacterDevice, JobFileStatus.Find("/dev/null")!.Value.Kind);
        Assert.Equal(JobFileKind.Directory, JobFileStatus.Find(_folder.FullName)!.Value.Kind);
        Assert.Null(JobFileStatus.Find(Path.Combine(_folder.FullName, "none.py")));
    }

    private static (JobFileKind, long, long) Short(JobFileStatus? status) => (status!.Value.Kind, status.Value.Links, status.Value.Size);
}
