using System.Text;

namespace DialogueActs;

/// <summary>
/// The one way the library writes an output file: into a temporary file beside the target, flushed to
/// disk, then renamed over the target. A failure (full disk, read-only folder, a folder where the file
/// should be, ...) removes the temporary file, leaves the target as it was, and throws a
/// <see cref="DialogueActsException"/> whose one-line message names the target.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="path"/> from what <paramref name="write"/> puts in the stream.</summary>
    /// <exception cref="DialogueActsException">The file or its folder cannot be written.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string fullPath = Path.GetFullPath(path);
        string temporary = $"{fullPath}.{Environment.ProcessId}.tmp";
        try
        {
            EnsureFolder(Path.GetDirectoryName(fullPath)!);
            if (Directory.Exists(fullPath)) throw new DialogueActsException($"{path}: cannot write: it is a folder");
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(file);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DialogueActsException($"{path}: cannot write: {Reason(ex, temporary)}", ex);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark.</summary>
    /// <exception cref="DialogueActsException">The file or its folder cannot be written.</exception>
    public static void WriteAllText(string path, string text) => Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, Utf8, leaveOpen: true);
        writer.Write(text);
    });

    /// <summary>Writes <paramref name="bytes"/>.</summary>
    /// <exception cref="DialogueActsException">The file or its folder cannot be written.</exception>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    /// <summary>Deletes <paramref name="path"/> when it exists.</summary>
    /// <exception cref="DialogueActsException">The file exists and cannot be deleted.</exception>
    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DialogueActsException($"{path}: cannot delete: {DialogueActsException.FirstLine(ex.Message)}", ex);
        }
    }

    /// <summary>Creates <paramref name="folder"/> and its parents when missing.</summary>
    /// <exception cref="DialogueActsException">The path, or one of its parents, is a file, or the folder cannot be created.</exception>
    public static void EnsureFolder(string folder)
    {
        for (var parent = Path.GetFullPath(folder); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent)) throw new DialogueActsException($"{parent}: is a file, not a folder");
            if (Directory.Exists(parent)) break;
        }
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DialogueActsException($"{folder}: cannot create the folder: {DialogueActsException.FirstLine(ex.Message)}", ex);
        }
    }

    /// <summary>The operating system's reason, without the temporary file's name.</summary>
    private static string Reason(Exception ex, string temporary)
    {
        string message = DialogueActsException.FirstLine(ex.Message).Replace($" : '{temporary}'", "").Replace($"'{temporary}'", "the file");
        return message.TrimEnd('.');
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the target is intact either way.
        }
    }
}
