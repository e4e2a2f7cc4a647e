using System.Globalization;
using System.Text.Json;
using CsvHelper;
using DialogueActs.Training.Configuration;
using DialogueActs.Data;
using DialogueActs.Training.Import;

namespace DialogueActs.Tests.Import;

public sealed class DuranImportTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "da-import-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_out, recursive: true); } catch (DirectoryNotFoundException) { }
    }

    /// <summary>The CSV rows (header first) of a file, parsed as RFC 4180.</summary>
    internal static List<string[]> ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvParser(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(csv.Record!);
        return rows;
    }

    /// <summary>The rows expected for <paramref name="ids"/> of <paramref name="clone"/>: id, index, fields but text, text.</summary>
    private static List<string[]> Expected(DuranClone clone, string prefix, IEnumerable<string> ids) =>
        ids.SelectMany(id => clone.Lines[id].Select((fields, i) =>
            new[] { prefix + id, i.ToString(CultureInfo.InvariantCulture) }.Concat(fields.Where((_, f) => f != 1)).Append(fields[1]).ToArray())).ToList();

    [Fact]
    public void Swda_WritesLeeDernoncourtSplits_InListOrder_WithEveryFieldUnchanged()
    {
        using var clone = DuranClone.Swda();
        var result = CorpusImporter.Import(DuranRepository.Plan(DuranCorpus.Swda, clone.Root), _out);

        var valid = DuranClone.ShippedValid(DuranCorpus.Swda);
        var expected = new Dictionary<string, string[]> { ["train"] = ["1001", "1002", "1003"], ["valid"] = [.. valid], ["test"] = ["1200", "1201"] };
        Assert.Equal(["train", "valid", "test"], result.Splits.Select(s => s.Name));
        foreach (var (split, ids) in expected)
        {
            var rows = ReadCsv(Path.Combine(_out, split + ".csv"));
            Assert.Equal(["conversation_id", "utterance_index", "speaker", "act", "text"], rows[0]);
            Assert.Equal(Expected(clone, "sw", ids), rows.Skip(1).ToList());
            var written = result.Splits.Single(s => s.Name == split);
            Assert.Equal((ids.Length, rows.Count - 1), (written.Conversations, written.Utterances));
        }
        Assert.Equal(0, result.SkippedConversations);
        Assert.Contains("sw1001,1,B,\"fo_o_fw_\"\"_by_bc\",\n", File.ReadAllText(Path.Combine(_out, "train.csv")));   // quoted only where needed
    }

    [Fact]
    public void Mrda_TakesValidFromTheValFolder_AndLeavesBmr013Out()
    {
        using var clone = DuranClone.Mrda();
        CorpusImporter.Import(DuranRepository.Plan(DuranCorpus.Mrda, clone.Data), _out);                 // the data folder itself works too

        Assert.Equal(Expected(clone, "", ["Btr001", "Btr002"]), ReadCsv(Path.Combine(_out, "train.csv")).Skip(1).ToList());
        var valid = ReadCsv(Path.Combine(_out, "valid.csv"));
        Assert.Equal(["conversation_id", "utterance_index", "speaker", "basic", "general", "full", "text"], valid[0]);
        Assert.Equal(Expected(clone, "", DuranClone.ShippedValid(DuranCorpus.Mrda)), valid.Skip(1).ToList());
        Assert.DoesNotContain(valid, r => r[0] == "Bmr013");
        Assert.Equal(Expected(clone, "", ["Bts001"]), ReadCsv(Path.Combine(_out, "test.csv")).Skip(1).ToList());
    }

    [Theory]
    [InlineData("swda", DuranCorpus.Swda)]
    [InlineData("mrda", DuranCorpus.Mrda)]
    public void TheShippedConfigReadsTheOutputUnchanged(string config, DuranCorpus corpus)
    {
        using var clone = corpus == DuranCorpus.Swda ? DuranClone.Swda() : DuranClone.Mrda();
        CorpusImporter.Import(DuranRepository.Plan(corpus, clone.Root), _out);

        var experiment = ExperimentConfig.Load(RepositoryFile("configs", config + ".json"), _out);
        foreach (var (path, split) in new[] { (experiment.Data.Train, "train"), (experiment.Data.Valid!, "valid"), (experiment.Data.Test!, "test") })
        {
            var conversations = CorpusReader.Read(path, experiment.Data.Columns, requireLabels: true, experiment.Data.CorpusFormat());
            var rows = ReadCsv(Path.Combine(_out, split + ".csv"));
            int label = Array.IndexOf(rows[0], experiment.Data.Columns.Label);
            Assert.Equal(rows.Skip(1).Select(r => (r[0], r[2], r[^1], r[label])),
                conversations.SelectMany(c => c.Utterances.Select(u => (c.Id, u.Speaker!, u.Text, u.Label!))));
        }
    }

    [Fact]
    public void LabelsJson_NamesTheTagsOfEachLabelMap_InMapOrder()
    {
        using var swda = DuranClone.Swda();
        var result = CorpusImporter.Import(DuranRepository.Plan(DuranCorpus.Swda, swda.Root), _out);
        Assert.Equal(Path.Combine(_out, "labels.json"), result.LabelsFile);
        Assert.Equal(
            """{"act":{"sd":{"name":"Statement-non-opinion"},"fo_o_fw_\"_by_bc":{"name":"Other"},"ar":{"name":"Reject"},"qw":{"name":"Wh-Question"}}}""",
            Compact(result.LabelsFile!));
        Assert.Equal("Other", DialogueActs.Inference.LabelGlossary.Read(result.LabelsFile!, "act").NameOf("fo_o_fw_\"_by_bc"));   // what training reads

        using var mrda = DuranClone.Mrda();
        CorpusImporter.Import(DuranRepository.Plan(DuranCorpus.Mrda, mrda.Root), _out);
        Assert.Equal(
            """{"basic":{"S":{"name":"Statement"},"B":{"name":"BackChannel"},"Q":{"name":"Question"}},"general":{"s":{"name":"Statement"},"b":{"name":"Continuer"},"qy":{"name":"Yes-No-question"}}}""",
            Compact(result.LabelsFile!));
    }

    private static string Compact(string path) => JsonSerializer.Serialize(JsonDocument.Parse(File.ReadAllText(path)).RootElement,
        new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    [Fact]
    public void Partial_LeavesOutListedConversationsWithoutAFile_AndMissingLists()
    {
        using var clone = DuranClone.Swda();
        File.Delete(clone.PathOf("train/1002.txt"));
        File.Delete(clone.PathOf("metadata/test_split.txt"));
        foreach (string id in DuranClone.ShippedValid(DuranCorpus.Swda).Skip(1)) File.Delete(clone.PathOf($"train/{id}.txt"));

        var result = CorpusImporter.Import(DuranRepository.Plan(DuranCorpus.Swda, clone.Root, partial: true), _out);

        Assert.Equal(1 + 111, result.SkippedConversations);
        Assert.Equal(["1001", "1003"], ReadCsv(Path.Combine(_out, "train.csv")).Skip(1).Select(r => r[0][2..]).Distinct());
        Assert.Equal([DuranClone.ShippedValid(DuranCorpus.Swda)[0]], ReadCsv(Path.Combine(_out, "valid.csv")).Skip(1).Select(r => r[0][2..]).Distinct());
        Assert.Equal(["train", "valid"], result.Splits.Select(s => s.Name));
        Assert.False(File.Exists(Path.Combine(_out, "test.csv")));
    }

    [Fact]
    public void AnImportWithoutASplit_RemovesThatSplitOfAnEarlierImport()
    {
        using var clone = DuranClone.Swda();
        CorpusImporter.Import(DuranRepository.Plan(DuranCorpus.Swda, clone.Root), _out);
        File.Delete(clone.PathOf("metadata/test_split.txt"));

        var result = CorpusImporter.Import(DuranRepository.Plan(DuranCorpus.Swda, clone.Root, partial: true), _out);

        Assert.Equal([Path.Combine(_out, "test.csv")], result.Removed);
        Assert.False(File.Exists(Path.Combine(_out, "test.csv")));
    }

    // Bad input: one line naming the file and line, and the output folder as it was.

    private void AssertFailsAndWritesNothing(DuranClone clone, string expected, bool partial = false)
    {
        Directory.CreateDirectory(_out);
        File.WriteAllText(Path.Combine(_out, "train.csv"), "earlier import\n");
        var ex = Assert.Throws<DialogueActsException>(() => CorpusImporter.Import(DuranRepository.Plan(clone.Corpus, clone.Root, partial), _out));
        Assert.Equal(expected, ex.Message);
        Assert.Equal(["train.csv"], Directory.GetFiles(_out).Select(Path.GetFileName));
        Assert.Equal("earlier import\n", File.ReadAllText(Path.Combine(_out, "train.csv")));
    }

    [Fact]
    public void MissingSplitList_NamesIt()
    {
        using var clone = DuranClone.Swda();
        File.Delete(clone.PathOf("metadata/test_split.txt"));
        AssertFailsAndWritesNothing(clone, $"{clone.PathOf("metadata/test_split.txt")}: split list not found");
    }

    [Fact]
    public void ListedIdWithoutAFile_NamesTheListAndLine()
    {
        using var clone = DuranClone.Swda();
        File.Delete(clone.PathOf("test/1201.txt"));
        AssertFailsAndWritesNothing(clone, $"{clone.PathOf("metadata/test_split.txt")}:2: conversation '1201' has no file {clone.PathOf("test/1201.txt")}");
    }

    [Fact]
    public void ShippedValidationIdWithoutAFile_NamesTheShippedList()
    {
        using var clone = DuranClone.Mrda();
        var valid = DuranClone.ShippedValid(DuranCorpus.Mrda);
        File.Delete(clone.PathOf($"val/{valid[2]}.txt"));
        AssertFailsAndWritesNothing(clone, $"lee-dernoncourt-2016-mrda-valid.txt (shipped):3: conversation '{valid[2]}' has no file {clone.PathOf($"val/{valid[2]}.txt")}");
    }

    [Fact]
    public void LineWithTheWrongNumberOfFields_NamesFileAndLine()
    {
        using var clone = DuranClone.Swda();
        clone.Write("train/1002.txt", "A|fine|sd\nB|a | in the text|sd\n");
        AssertFailsAndWritesNothing(clone, $"{clone.PathOf("train/1002.txt")}:2: expected 3 fields (speaker|text|act), got 4");
    }

    [Fact]
    public void EmptyLabelField_NamesFileLineAndField()
    {
        using var clone = DuranClone.Mrda();
        clone.Write("test/Bts001.txt", "me001|okay.|S|s|s\r\n\r\nme002|so|F||fh\r\n");
        AssertFailsAndWritesNothing(clone, $"{clone.PathOf("test/Bts001.txt")}:3: field 'general' is empty");
    }

    [Fact]
    public void ConversationInTwoSplits_NamesBothLists()
    {
        using var clone = DuranClone.Swda();
        clone.Metadata("test_split.txt", "1200\n1002\n");
        AssertFailsAndWritesNothing(clone,
            $"{clone.PathOf("metadata/test_split.txt")}:2: conversation '1002' is in two splits, train ({clone.PathOf("metadata/train_split.txt")}:58) and test");
    }

    [Fact]
    public void IdListedTwice_NamesBothLines()
    {
        using var clone = DuranClone.Swda();
        clone.Metadata("test_split.txt", "1200\n\n1201\n1200\n");
        AssertFailsAndWritesNothing(clone, $"{clone.PathOf("metadata/test_split.txt")}:4: conversation '1200' is listed twice (also on line 1)");
    }

    [Fact]
    public void ShippedValidationIdMissingFromTheRepositoryLists_IsAnError_EvenWhenPartial()
    {
        using var clone = DuranClone.Swda();
        var valid = DuranClone.ShippedValid(DuranCorpus.Swda);
        clone.Metadata("train_split.txt", string.Join('\n', new[] { "1001" }.Concat(valid.Skip(1))));
        AssertFailsAndWritesNothing(clone,
            $"lee-dernoncourt-2016-swda-valid.txt (shipped):1: validation conversation '{valid[0]}' is in neither {clone.PathOf("metadata/train_split.txt")} nor val_split.txt",
            partial: true);
    }

    [Fact]
    public void NotAClone_SaysWhatIsMissing()
    {
        using var clone = DuranClone.Mrda();
        var ex = Assert.Throws<DialogueActsException>(() => DuranRepository.Plan(DuranCorpus.Swda, clone.Root));
        Assert.Equal($"{clone.Root}: not a clone of Switchboard-Corpus (no swda_data/metadata folder)", ex.Message);
    }

    [Fact]
    public void NotUtf8_NamesTheFile()
    {
        using var clone = DuranClone.Swda();
        File.WriteAllBytes(clone.PathOf("train/1003.txt"), [(byte)'A', (byte)'|', 0xff, 0xfe, (byte)'|', (byte)'s', (byte)'d', (byte)'\n']);
        AssertFailsAndWritesNothing(clone, $"{clone.PathOf("train/1003.txt")}: not UTF-8 text");
    }

    [Fact]
    public void TheShippedListsHoldTheirPublishedCounts()
    {
        Assert.Equal(112, DuranClone.ShippedValid(DuranCorpus.Swda).Count);
        Assert.Equal(11, DuranClone.ShippedValid(DuranCorpus.Mrda).Count);
        Assert.DoesNotContain("Bmr013", DuranClone.ShippedValid(DuranCorpus.Mrda));
    }

    internal static string RepositoryFile(params string[] parts)
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DialogueActs.sln"))) return Path.Combine([directory.FullName, .. parts]);
        }
        throw new InvalidOperationException("repository root not found");
    }
}
