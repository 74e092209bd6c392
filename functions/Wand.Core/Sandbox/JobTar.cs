using System.Formats.Tar;
using Wand.Jobs;

namespace Wand.Sandbox;

/// <summary>Files as the tar stream a sandbox unpacks: regular files only, readable by the sandbox user, one fixed time.</summary>
internal static class JobTar
{
    public static byte[] Of(IEnumerable<JobFile> files)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var file in files)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, file.Path)
                {
                    DataStream = new MemoryStream(file.Content, writable: false),
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    ModificationTime = DateTimeOffset.UnixEpoch,
                });
            }
        }

        return tar.ToArray();
    }

    /// <summary>
    /// A run: the job once under <c>base/</c>, each variant's own files under <c>v/&lt;index&gt;/</c>
    /// and its selected tests, one a line, in <c>t/&lt;index&gt;</c>.
    /// </summary>
    public static byte[] Of(SandboxVariants run) =>
        Of(run.Job.Files.Select(f => f with { Path = $"base/{f.Path}" })
            .Concat(run.Variants.SelectMany((v, i) => v.Files.Select(f => f with { Path = $"v/{i}/{f.Path}" })))
            .Concat(run.Variants.Select((v, i) => (v.Tests, i)).Where(t => t.Tests is not null)
                .Select(t => new JobFile($"t/{t.i}", System.Text.Encoding.UTF8.GetBytes(string.Join('\n', t.Tests!) + "\n")))));
}
