using System.Text;
using DialogueActs.Data;
using Xunit;
using static DialogueActs.Tests.Data.TempCorpus;

namespace DialogueActs.Tests.Data;

public sealed class JsonlCorpusReaderTests : IDisposable
{
    private static readonly ColumnMapping Default = new();
    private readonly TempCorpus _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Jsonl(string content) => _temp.Write("c.jsonl", content);

    private static string Line(string utterances, string id = "\"c1\"") => $"{{\"id\": {id}, \"utterances\": {utterances}}}";

    [Fact]
    public void Read_ConversationsWithOptionalSpeakerAndLabel()
    {
        string path = Jsonl(
            "{\"id\": \"c1\", \"utterances\": [{\"speaker\": \"A\", \"text\": \"hi\", \"label\": \"fo_o_fw_\\\"_by_bc\"}, {\"text\": \"\", \"label\": \"a,b\"}]}\n" +
            "\n   \r\n" +
            "{\"id\": \"c2\", \"utterances\": [{\"speaker\": null, \"text\": \"yo\", \"extra\": 1}], \"meta\": {}}\r\n");

        var conversations = CorpusReader.Read(path, Default, requireLabels: false);

        Assert.Equal(["c1", "c2"], conversations.Select(c => c.Id));
        Assert.Equal([new Utterance("A", "hi", "fo_o_fw_\"_by_bc"), new Utterance(null, "", "a,b")], conversations[0].Utterances);
        Assert.Equal([new Utterance(null, "yo", null)], conversations[1].Utterances);
    }

    [Fact]
    public void Read_JsonExtensionAndStreamOverload()
    {
        string path = _temp.Write("c.json", Line("[{\"text\": \"hi\", \"label\": \"sd\"}]"));
        byte[] bytes = Encoding.UTF8.GetBytes(Line("[{\"text\": \"hi\", \"label\": \"sd\"}]"));

        Assert.Single(CorpusReader.Read(path, Default, true));
        Assert.Single(CorpusReader.Read(new MemoryStream(bytes), "upload.jsonl", Default, true));
        Assert.Single(CorpusReader.Read(new MemoryStream(bytes), "upload.bin", Default, true, CorpusFormat.Jsonl));
    }

    [Fact]
    public void EmptyFile()
    {
        string path = Jsonl("");
        AssertFails($"{path}: file is empty", () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void BlankLinesOnly()
    {
        string path = Jsonl("\n  \n\r\n");
        AssertFails($"{path}: file is empty", () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void MissingFile()
    {
        string path = _temp.PathOf("none.jsonl");
        AssertFails($"{path}: file not found", () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void InvalidJson()
    {
        string path = Jsonl(Line("[{\"text\": \"x\"}]") + "\n\n{\"id\": }\n");
        AssertFails($"{path}:3: invalid JSON at byte 8: '}}' is an invalid start of a value",
            () => CorpusReader.Read(path, Default, false));
    }

    [Fact]
    public void DuplicateProperty()
    {
        string path = Jsonl("{\"id\": \"a\", \"id\": \"b\", \"utterances\": [{\"text\": \"x\"}]}\n");
        AssertFails($"{path}:1: invalid JSON: Duplicate property 'id' encountered during deserialization",
            () => CorpusReader.Read(path, Default, false));
    }

    [Fact]
    public void LineIsNotAnObject()
    {
        string path = Jsonl("[1, 2]\n");
        AssertFails($"{path}:1: expected a JSON object, got array", () => CorpusReader.Read(path, Default, false));
    }

    // The shapes shared with HTTP requests are tested once, for both, in ConversationJsonReaderTests; these are a corpus's own.
    [Theory]
    [InlineData("{\"utterances\": [{\"text\": \"x\"}]}", "missing field 'id'")]
    [InlineData("{\"id\": null, \"utterances\": [{\"text\": \"x\"}]}", "field 'id' must be a string, got null")]
    [InlineData("{\"id\": \"a\", \"utterances\": [{\"text\": \"x\", \"label\": true}]}", "field 'utterances[0].label' must be a string, got boolean")]
    public void WrongShape(string line, string problem)
    {
        string path = Jsonl(Line("[{\"text\": \"ok\"}]", "\"first\"") + "\n" + line + "\n");
        AssertFails($"{path}:2: {problem}", () => CorpusReader.Read(path, Default, requireLabels: false));
    }

    [Fact]
    public void DuplicateConversationId()
    {
        string path = Jsonl(Line("[{\"text\": \"x\"}]", "\"a\"") + "\n" + Line("[{\"text\": \"y\"}]", "\"b\"") + "\n\n" + Line("[{\"text\": \"z\"}]", "\"a\"") + "\n");
        AssertFails($"{path}:4: duplicate conversation id 'a' (first on line 1)", () => CorpusReader.Read(path, Default, false));
    }

    [Fact]
    public void LabelMissingWhenRequired()
    {
        string path = Jsonl(Line("[{\"text\": \"x\", \"label\": \"sd\"}, {\"text\": \"y\"}]") + "\n");
        AssertFails($"{path}:1: missing field 'utterances[1].label' (labels are required)", () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void LabelNullWhenRequired()
    {
        string path = Jsonl(Line("[{\"text\": \"x\", \"label\": null}]") + "\n");
        AssertFails($"{path}:1: missing field 'utterances[0].label' (labels are required)", () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void LabelEmptyWhenRequired()
    {
        string path = Jsonl(Line("[{\"text\": \"x\", \"label\": \"\"}]") + "\n");
        AssertFails($"{path}:1: field 'utterances[0].label' is empty (labels are required)", () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void InvalidUtf8()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes(Line("[{\"text\": \"x\"}]") + "\n{\"id\": \"b\", \"utterances\": [{\"text\": \""), 0xC3, 0x28, .. "\"}]}\n"u8.ToArray()];
        string path = _temp.WriteBytes("c.jsonl", bytes);
        AssertFails($"{path}:2: invalid UTF-8 (byte 0xC3)", () => CorpusReader.Read(path, Default, false));
    }

    // Found by the fuzzer (scripts/Fuzz): "\ud800" is valid JSON but not text; System.Text.Json threw InvalidOperationException.

    [Fact]
    public void UnpairedSurrogateEscapeInAValueNamesTheField()
    {
        string path = Jsonl(Line("[{\"text\": \"ok\"}, {\"text\": \"a\\ud800b\"}]") + "\n");
        AssertFails($"{path}:1: field 'utterances[1].text' is not valid text (a \\u escape is an unpaired UTF-16 surrogate)",
            () => CorpusReader.Read(path, Default, false));
    }

    [Fact]
    public void UnpairedSurrogateEscapeInAKeyIsInvalidJson()
    {
        string path = Jsonl(Line("[{\"te\\udc00xt\": \"ok\"}]") + "\n");
        AssertFails($"{path}:1: invalid JSON: a key is not valid text (a \\u escape is an unpaired UTF-16 surrogate)",
            () => CorpusReader.Read(path, Default, false));
    }

    [Fact]
    public void DuplicateIdWithALineBreakStaysOnOneLine()
    {
        string line = Line("[{\"text\": \"x\"}]", id: "\"a\\nb\"");
        string path = Jsonl(line + "\n" + line + "\n");
        AssertFails($"{path}:2: duplicate conversation id 'a\\nb' (first on line 1)", () => CorpusReader.Read(path, Default, false));
    }

    [Fact]
    public void InvalidLiteralOfMegabytesIsCutInTheMessage()
    {
        string path = Jsonl("{\"id\": t" + new string('r', 3 * 1024 * 1024) + "}\n");
        var e = Assert.Throws<DialogueActsException>(() => CorpusReader.Read(path, Default, false));
        Assert.StartsWith($"{path}:1: invalid JSON at byte ", e.Message);
        Assert.True(e.Message.Length < path.Length + 300, e.Message.Length.ToString());
    }

    [Fact]
    public void ALoneCarriageReturnEndsALineAsInTheUtf8CheckAndCsv()
    {
        string line = Line("[{\"text\": \"x\"}]", "\"a\"");
        string other = Line("[{\"text\": \"x\"}]", "\"b\"");
        string path = Jsonl(line + "\r" + other + "\r\n" + line + "\n");
        AssertFails($"{path}:3: duplicate conversation id 'a' (first on line 1)", () => CorpusReader.Read(path, Default, false));

        byte[] bytes = [.. Encoding.UTF8.GetBytes(line + "\r" + other + "\r\n{\"id\": \"c\", \"utterances\": [{\"text\": \""), 0xFF, .. "\"}]}\n"u8];
        path = _temp.WriteBytes("d.jsonl", bytes);
        AssertFails($"{path}:3: invalid UTF-8 (byte 0xFF)", () => CorpusReader.Read(path, Default, false));
    }
}
