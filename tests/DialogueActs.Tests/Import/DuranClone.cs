using System.Text;
using DialogueActs.Training.Import;

namespace DialogueActs.Tests.Import;

/// <summary>
/// A small synthetic clone of N. Duran's Switchboard-Corpus or MRDA-Corpus repository, in their layout
/// (<c>swda_data/metadata/*_split.txt</c>, <c>swda_data/train/2005.txt</c>, label maps), with made-up text. It lists
/// every id of the shipped validation list, as the real repositories do, each with a file. Deleted on dispose.
/// </summary>
internal sealed class DuranClone : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(false);

    private DuranClone(DuranCorpus corpus)
    {
        Corpus = corpus;
        Root = Path.Combine(Path.GetTempPath(), "da-clone-" + Guid.NewGuid().ToString("N"));
        Data = Path.Combine(Root, corpus == DuranCorpus.Swda ? "swda_data" : "mrda_data");
        Directory.CreateDirectory(Path.Combine(Data, "metadata"));
    }

    public DuranCorpus Corpus { get; }

    /// <summary>The repository folder (holding <c>swda_data/</c> or <c>mrda_data/</c>).</summary>
    public string Root { get; }

    /// <summary>The data folder.</summary>
    public string Data { get; }

    /// <summary>Every conversation written: id → fields of each line.</summary>
    public Dictionary<string, string[][]> Lines { get; } = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> ShippedValid(DuranCorpus corpus) =>
        ValidationLists.Read(corpus == DuranCorpus.Swda ? ValidationLists.Swda : ValidationLists.Mrda).Select(l => l.Id).ToList();

    /// <summary>
    /// SwDA: train = 1001, the first 56 shipped validation ids, 1002, the other 56, 1003; val = 1100, 1101 (unused);
    /// test = 1200, 1201. Expected: train 1001, 1002, 1003; valid the shipped list; test 1200, 1201.
    /// </summary>
    public static DuranClone Swda()
    {
        var clone = new DuranClone(DuranCorpus.Swda);
        var valid = ShippedValid(DuranCorpus.Swda);
        clone.List("train", ["1001", .. valid.Take(56), "1002", .. valid.Skip(56), "1003"]);
        clone.List("val", ["1100", "1101"]);
        clone.List("test", ["1200", "1201"]);
        clone.Metadata("label_map.txt", "Statement-non-opinion|sd\nOther|fo_o_fw_\"_by_bc\nReject|ar|344\nWh-Question|qw\n");
        return clone;
    }

    /// <summary>MRDA: train = Btr001, Btr002; val = the shipped list with Bmr013 among it (unused); test = Bts001.</summary>
    public static DuranClone Mrda()
    {
        var clone = new DuranClone(DuranCorpus.Mrda);
        var valid = ShippedValid(DuranCorpus.Mrda);
        clone.List("train", ["Btr001", "Btr002"]);
        clone.List("val", [.. valid.Take(4), "Bmr013", .. valid.Skip(4)]);
        clone.List("test", ["Bts001"]);
        clone.Metadata("basic_label_map.txt", "Statement|S\nBackChannel|B\nQuestion|Q");
        clone.Metadata("general_label_map.txt", "Statement|s\nContinuer|b\nYes-No-question|qy\n");
        return clone;
    }

    /// <summary>Writes <c>metadata/{folder}_split.txt</c> and a conversation file in <c>{folder}/</c> for each id.</summary>
    public void List(string folder, IReadOnlyList<string> ids)
    {
        Metadata($"{folder}_split.txt", string.Join('\n', ids));                                        // the repositories' lists end without a line break
        foreach (string id in ids) Conversation(folder, id, Made(id));
    }

    /// <summary>Writes <c>{folder}/{id}.txt</c> from its lines' fields.</summary>
    public void Conversation(string folder, string id, string[][] lines)
    {
        Lines[id] = lines;
        Write(Path.Combine(folder, id + ".txt"), string.Concat(lines.Select(l => string.Join('|', l) + "\n")));
    }

    public void Metadata(string name, string content) => Write(Path.Combine("metadata", name), content);

    public void Write(string relative, string content)
    {
        string path = Path.Combine(Data, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Utf8.GetBytes(content));
    }

    public string PathOf(string relative) => Path.Combine(Data, relative);

    /// <summary>1 to 3 lines per conversation, with commas, quotes, a tag holding a quote and an empty text.</summary>
    private string[][] Made(string id)
    {
        int count = 1 + id[^1] % 3;
        var lines = new string[count][];
        for (int i = 0; i < count; i++)
        {
            string speaker = Corpus == DuranCorpus.Swda ? (i % 2 == 0 ? "A" : "B") : $"me{i:000}";
            string text = i switch { 0 => $"Uh, {id} said \"yes\", okay.", 1 => "", _ => " spaced text " };
            lines[i] = Corpus == DuranCorpus.Swda
                ? [speaker, text, i == 1 ? "fo_o_fw_\"_by_bc" : "sd"]
                : [speaker, text, i == 1 ? "B" : "S", i == 1 ? "b" : "s", i == 1 ? "bk" : "rt"];
        }
        return lines;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
