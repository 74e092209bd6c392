namespace Wand.Jobs;

/// <summary>
/// Reads one file of a job folder (its <c>.wand.yml</c>, a source or test file) so that nothing
/// outside the job can come in through it: only a regular file with one name is read. A
/// symbolic link is never followed; a FIFO, device or socket is never opened (one would block
/// the reader or never end: <c>/dev/zero</c>); a hard link is refused, since its other name may
/// lie anywhere on the same disk and nothing in the folder tells where. What is read stops at
/// the size limit, even when the file grows while it is read.
/// </summary>
public static class JobFileReader
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>
    /// The content of <paramref name="path"/>, at most <paramref name="maxBytes"/>; throws
    /// <see cref="InvalidJobException"/> naming <paramref name="name"/> (how the message calls the
    /// file, e.g. <c>file 'src/a.py'</c>) and the problem. Nothing of the file's content is ever
    /// part of the message.
    /// </summary>
    public static byte[] Read(string path, string name, long maxBytes)
    {
        try
        {
            return ReadRegular(path, name, maxBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidJobException($"{name} cannot be read: {ex.Message.Split('\n')[0]}");
        }
    }

    private static byte[] ReadRegular(string path, string name, long maxBytes)
    {
        var entry = JobFileStatus.Find(path) ?? throw new InvalidJobException($"{name} does not exist");
        Refuse(entry, name, maxBytes);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        // Between the look and the open the path may have been swapped for a link or another file.
        var opened = JobFileStatus.Of(handle);
        if (opened.Kind != JobFileKind.Regular || opened.Device != entry.Device || opened.Inode != entry.Inode)
        {
            throw new InvalidJobException($"{name} was replaced while it was read; read the job again");
        }

        Refuse(opened, name, maxBytes);
        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        using var content = new MemoryStream((int)Math.Min(opened.Size, maxBytes));
        var chunk = new byte[(int)Math.Min(ChunkBytes, maxBytes + 1)];
        int read;
        while (content.Length <= maxBytes && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - content.Length))) > 0)
        {
            content.Write(chunk, 0, read);
        }

        return content.Length > maxBytes
            ? throw new InvalidJobException($"{name} grew past the limit of {maxBytes:N0} bytes while it was read")
            : content.ToArray();
    }

    /// <summary>Why an entry is not read, naming it; nothing when it is a regular file with one name within the limit.</summary>
    private static void Refuse(JobFileStatus entry, string name, long maxBytes)
    {
        if (entry.Kind != JobFileKind.Regular)
        {
            throw new InvalidJobException($"{name} is {JobFileStatus.Describe(entry.Kind)}; Wand reads only regular files of a job, never through a link (put the file itself there)");
        }

        if (entry.Links > 1)
        {
            throw new InvalidJobException($"{name} has {entry.Links} hard links; Wand reads only files with one name, since another name may lie outside the job (copy the file instead of linking it)");
        }

        if (entry.Size > maxBytes)
        {
            throw new InvalidJobException($"{name} is {entry.Size:N0} bytes; the limit is {maxBytes:N0}");
        }
    }
}
