using System.IO.Compression;
using System.Text;

namespace DialogueActs.Fuzz;

/// <summary>
/// Entry-aware mutations of a model.zip: one entry's content mutated (as JSON for the .json entries,
/// as bytes for weights.bin, with a bias towards its header of names, types and shapes), entries
/// removed, duplicated, renamed, emptied or added, all written back as a well-formed zip so the
/// mutation reaches the archive reader rather than the zip checksum.
/// </summary>
public static class ZipMutator
{
    /// <summary>Applies one random entry-level mutation; null when <paramref name="data"/> is not a readable zip.</summary>
    public static byte[]? ApplyRandom(byte[] data, Random random, bool allowHuge, out string name)
    {
        List<(string Name, byte[] Content)> entries;
        try
        {
            entries = ReadEntries(data);
        }
        catch (InvalidDataException)
        {
            name = "";
            return null;
        }
        if (entries.Count == 0)
        {
            name = "";
            return null;
        }
        int index = random.Next(entries.Count);
        var (entryName, content) = entries[index];
        switch (random.Next(10))
        {
            case 0:
                entries.RemoveAt(index);
                name = $"remove-entry({entryName})";
                break;
            case 1:
                entries.Insert(random.Next(entries.Count + 1), (entryName, random.Next(2) == 0 ? content : Encoding.UTF8.GetBytes("{}")));
                name = $"duplicate-entry({entryName})";
                break;
            case 2:
                entries[index] = (random.Next(2) == 0 ? entryName.ToUpperInvariant() : "dir/" + entryName, content);
                name = $"rename-entry({entryName})";
                break;
            case 3:
                entries[index] = (entryName, []);
                name = $"empty-entry({entryName})";
                break;
            case 4:
                entries.Add(("extra.bin", Encoding.UTF8.GetBytes("unexpected")));
                name = "add-entry";
                break;
            default:
                byte[]? mutated = null;
                string inner;
                if (entryName.EndsWith(".json", StringComparison.Ordinal) && random.Next(3) != 0)
                {
                    mutated = JsonMutator.ApplyRandom(content, random, allowHuge: false, out inner);
                }
                else if (entryName == "weights.bin" && random.Next(2) == 0)
                {
                    mutated = MutateWeightsHeader(content, random, out inner);
                }
                else
                {
                    inner = "";
                }
                if (mutated is null)
                {
                    mutated = ByteMutator.ApplyRandom(content, random, allowHuge: false, out inner);
                }
                entries[index] = (entryName, mutated);
                name = $"entry({entryName}):{inner}";
                break;
        }
        return WriteEntries(entries);
    }

    /// <summary>The entries of a zip, in order.</summary>
    public static List<(string Name, byte[] Content)> ReadEntries(byte[] data)
    {
        var entries = new List<(string, byte[])>();
        using var zip = new ZipArchive(new MemoryStream(data), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            entries.Add((entry.FullName, buffer.ToArray()));
        }
        return entries;
    }

    private static byte[] WriteEntries(List<(string Name, byte[] Content)> entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (entryName, content) in entries)
            {
                using var stream = zip.CreateEntry(entryName, CompressionLevel.Fastest).Open();
                stream.Write(content);
            }
        }
        return output.ToArray();
    }

    /// <summary>
    /// Mutates the first 512 bytes of TorchSharp's state-dict format, where the entry count, names,
    /// element types and shapes (LEB128 numbers) live, or cuts the blob short.
    /// </summary>
    private static byte[] MutateWeightsHeader(byte[] content, Random random, out string name)
    {
        var bytes = (byte[])content.Clone();
        int window = Math.Min(bytes.Length, 512);
        switch (random.Next(4))
        {
            case 0:
                if (window > 0) bytes[random.Next(window)] = (byte)random.Next(256);
                name = "weights-header-byte";
                return bytes;
            case 1:
                if (window > 0) bytes[random.Next(window)] = 0xFF;
                name = "weights-header-0xff";
                return bytes;
            case 2:
                name = "weights-truncate";
                return bytes[..random.Next(bytes.Length + 1)];
            default:
                // A run of LEB128 continuation bytes: a huge count, length or dimension.
                int at = window > 0 ? random.Next(window) : 0;
                for (int i = at; i < Math.Min(at + random.Next(1, 10), bytes.Length); i++) bytes[i] = 0xFF;
                name = "weights-header-leb128";
                return bytes;
        }
    }
}
