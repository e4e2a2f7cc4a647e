using System.Globalization;

namespace DialogueActs.Training;

/// <summary>
/// One training per output folder: an operating-system lock on <c>DIR/.lock</c> (opened with
/// <see cref="FileShare.None"/>: <c>flock</c> on Linux and macOS, a share lock on Windows), held while the trainer
/// runs. The kernel releases it when the process ends, however it ends, so a lock left by a killed run never blocks
/// <c>--resume</c>. The holder writes its process id and start time to <c>DIR/.lock-owner</c> (a second process cannot
/// read the locked file itself: .NET opens every file with a shared lock), so that a second run can name it.
/// </summary>
internal sealed class OutputFolderLock : IDisposable
{
    /// <summary>The locked file inside the output folder. It stays in the folder: deleting it could let two runs lock two different files.</summary>
    public const string FileName = ".lock";

    /// <summary>The file naming the process that holds the lock.</summary>
    public const string OwnerFileName = ".lock-owner";

    private readonly FileStream _stream;
    private readonly string _ownerPath;

    private OutputFolderLock(FileStream stream, string ownerPath)
    {
        _stream = stream;
        _ownerPath = ownerPath;
    }

    /// <summary>Locks <paramref name="folder"/> (which must exist) for this process.</summary>
    /// <exception cref="DialogueActsException">Another process (or another trainer in this one) holds the folder; the message names the folder and that process.</exception>
    public static OutputFolderLock Acquire(string folder)
    {
        string path = Path.Combine(folder, FileName);
        string ownerPath = Path.Combine(folder, OwnerFileName);
        FileStream stream;
        try
        {
            // Read-only: a lock needs no write access, and an open writable file would keep a disk from being remounted read-only.
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.None);
        }
        catch (IOException ex) when (File.Exists(path) && !Directory.Exists(path))
        {
            throw new DialogueActsException(
                $"{folder}: another training is using this folder ({Owner(ownerPath)}); wait for it to end, or choose another --out", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DialogueActsException($"{path}: cannot lock the output folder: {DialogueActsException.FirstLine(ex.Message)}", ex);
        }
        string owner = string.Create(CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId}, started {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z on {Environment.MachineName}");
        try
        {
            AtomicFile.WriteAllText(ownerPath, owner + "\n");
        }
        catch (DialogueActsException)
        {
            // The lock holds without it (a full disk fails the run at its first real write, with its own message);
            // an owner file left by an earlier run must not name the wrong process.
            try { File.Delete(ownerPath); } catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        }
        return new OutputFolderLock(stream, ownerPath);
    }

    /// <summary>Who holds the lock, from the owner file: <c>pid 1234, started ...</c>.</summary>
    private static string Owner(string ownerPath)
    {
        try
        {
            string owner = File.ReadAllText(ownerPath).Trim();
            return owner.Length == 0 ? "a process that has not said which" : DialogueActsException.Brief(owner);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "a process that has not said which";
        }
    }

    /// <summary>Removes the owner file, then releases the lock.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(_ownerPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The lock is released either way; the next holder overwrites the file.
        }
        _stream.Dispose();
    }
}
