using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Wand.Jobs;

/// <summary>What a file system entry is, as its <c>st_mode</c> says.</summary>
public enum JobFileKind
{
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}

/// <summary>
/// A file system entry as Wand looks at it before reading it into a job: its kind, its number of
/// hard links, its size and its identity (device and inode), of the entry itself (a symbolic
/// link is not followed). .NET tells neither special files nor link counts, so on Linux, where
/// Wand runs, they come from statx(2), whose buffer has one layout on every architecture.
/// Elsewhere only symbolic links and directories are told apart, and the link count reads 1.
/// </summary>
public readonly partial record struct JobFileStatus(JobFileKind Kind, long Links, long Size, ulong Device, ulong Inode)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint BasicStats = 0x7ff;
    private const int NoSuchEntry = 2;

    /// <summary>The entry at <paramref name="path"/>, or null when there is none (a dangling symbolic link is an entry).</summary>
    public static JobFileStatus? Find(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            var info = new FileInfo(path);
            return info.LinkTarget is not null ? new(JobFileKind.SymbolicLink, 1, 0, 0, 0)
                : Directory.Exists(path) ? new(JobFileKind.Directory, 1, 0, 0, 0)
                : info.Exists ? new(JobFileKind.Regular, 1, info.Length, 0, 0)
                : null;
        }

        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, BasicStats, out var buffer) == 0)
        {
            return From(buffer);
        }

        var error = Marshal.GetLastPInvokeError();
        return error == NoSuchEntry ? null : throw new IOException($"cannot look at '{path}' (errno {error})");
    }

    /// <summary>The file <paramref name="handle"/> has open: what was actually opened, whatever the path pointed at by then.</summary>
    public static JobFileStatus Of(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new(JobFileKind.Regular, 1, RandomAccess.GetLength(handle), 0, 0);
        }

        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            return Statx((int)handle.DangerousGetHandle(), "", AtEmptyPath, BasicStats, out var buffer) == 0
                ? From(buffer)
                : throw new IOException($"cannot look at an open file (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>What the kind is called in an error message.</summary>
    public static string Describe(JobFileKind kind) => kind switch
    {
        JobFileKind.Regular => "a regular file",
        JobFileKind.Directory => "a directory",
        JobFileKind.SymbolicLink => "a symbolic link",
        JobFileKind.Fifo => "a FIFO (named pipe)",
        JobFileKind.CharacterDevice => "a character device",
        JobFileKind.BlockDevice => "a block device",
        JobFileKind.Socket => "a socket",
        _ => "not a regular file",
    };

    private static JobFileStatus From(StatxBuffer buffer) => new(
        (buffer.Mode & 0xF000) switch
        {
            0x8000 => JobFileKind.Regular,
            0x4000 => JobFileKind.Directory,
            0xA000 => JobFileKind.SymbolicLink,
            0x1000 => JobFileKind.Fifo,
            0x2000 => JobFileKind.CharacterDevice,
            0x6000 => JobFileKind.BlockDevice,
            0xC000 => JobFileKind.Socket,
            _ => JobFileKind.Other,
        },
        buffer.Links,
        (long)Math.Min(buffer.Size, long.MaxValue),
        ((ulong)buffer.DeviceMajor << 32) | buffer.DeviceMinor,
        buffer.Inode);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary>struct statx (linux/stat.h): the same 256 bytes on every architecture; only the fields Wand reads.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(0x10)]
        public uint Links;

        [FieldOffset(0x1c)]
        public ushort Mode;

        [FieldOffset(0x20)]
        public ulong Inode;

        [FieldOffset(0x28)]
        public ulong Size;

        [FieldOffset(0x88)]
        public uint DeviceMajor;

        [FieldOffset(0x8c)]
        public uint DeviceMinor;
    }
}
