using System.Diagnostics;
using System.Globalization;

namespace GovKpi.Tests;

/// <summary>
/// A real, small filesystem (tmpfs of a given size) that a test fills up, so that SQLite and the
/// upload directory meet an actual "no space left on device". Mounting needs root (or
/// CAP_SYS_ADMIN); where it is refused the test says so and skips.
/// </summary>
internal sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    public static SmallDisk? TryMount(int megabytes, out string? skipReason)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "govkpi-small-disk-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        var (exit, error) = Run("mount", "-t", "tmpfs", "-o", string.Create(CultureInfo.InvariantCulture, $"size={megabytes}m,mode=0777"), "tmpfs", path);
        if (exit != 0)
        {
            Directory.Delete(path);
            skipReason = $"a small tmpfs could not be mounted (root or CAP_SYS_ADMIN needed): {error.Trim()}";
            return null;
        }

        skipReason = null;
        return new SmallDisk(path);
    }

    /// <summary>Writes a filler file until the filesystem is full, leaving nothing for the next write.</summary>
    public void Fill()
    {
        var block = new byte[64 * 1024];
        using var filler = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true)
            {
                filler.Write(block);
            }
        }
        catch (IOException)
        {
            // Full: what was written stays.
        }

        // The last partial block: byte by byte, until nothing more fits.
        try
        {
            while (true)
            {
                filler.WriteByte(0);
                filler.Flush();
            }
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Removes the filler: the disk has room again.</summary>
    public void Free() => File.Delete(System.IO.Path.Combine(Path, "filler"));

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static (int Exit, string Error) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
