using System.Diagnostics;

namespace DialogueActs.Tests.Faults;

/// <summary>
/// A tiny tmpfs mounted on a fresh temporary folder, for full-disk and read-only tests. Needs root
/// (as on the CI machines); the constructor fails with the reason otherwise.
/// </summary>
internal sealed class Tmpfs : IDisposable
{
    public Tmpfs(string size)
    {
        Directory = Path.Combine(Path.GetTempPath(), "da-tmpfs-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", Directory);
    }

    public string Directory { get; }

    /// <summary>Remounts the file system read-only.</summary>
    public void MakeReadOnly() => Run("mount", "-o", "remount,ro", Directory);

    /// <summary>Fills the remaining space with a file, so that the next write of any size fails.</summary>
    public void Fill()
    {
        using var filler = File.OpenWrite(Path.Combine(Directory, "filler"));
        var block = new byte[4096];
        try
        {
            while (true) { filler.Write(block); filler.Flush(); }
        }
        catch (IOException)
        {
            // The disk is full.
        }
    }

    /// <summary>Every file under the mount except the filler, by relative path, with its bytes.</summary>
    public SortedDictionary<string, byte[]> Snapshot() => new(
        System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "filler")
            .ToDictionary(f => Path.GetRelativePath(Directory, f), File.ReadAllBytes), StringComparer.Ordinal);

    public void Dispose()
    {
        Run("umount", Directory);
        System.IO.Directory.Delete(Directory);
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({error.Trim()}); these tests need root, as on the CI machines");
    }
}
