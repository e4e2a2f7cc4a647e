using DialogueActs.Data;
using Xunit;
using static DialogueActs.Tests.Data.TempCorpus;

namespace DialogueActs.Tests.Data;

public sealed class CorpusWriterTests : IDisposable
{
    private readonly TempCorpus _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly IReadOnlyList<Conversation> Tricky =
    [
        new("sw2005", [
            new Utterance("A", "Okay.", "fo_o_fw_\"_by_bc"),
            new Utterance("B", "Uh, first, \"quoted\", um", "a,b"),
            new Utterance("A", "", "%"),
            new Utterance("B", "  padded  ", "sd"),
            new Utterance("A", "two\nlines", "x\"y,z"),
            new Utterance(null, "héllo — ünïcode ✓", "qy"),
        ]),
        new("id, with \"quotes\"", [new Utterance("A", "only", "b")]),
    ];

    [Theory]
    [InlineData("out.csv")]
    [InlineData("out.jsonl")]
    [InlineData("out.json")]
    public void WriteThenReadGivesEqualConversations(string name)
    {
        string path = _temp.PathOf(name);
        var columns = new ColumnMapping { Label = "act" };

        CorpusWriter.Write(path, Tricky, columns);
        var back = CorpusReader.Read(path, columns, requireLabels: true);

        AssertSame(Tricky, back);
    }

    [Fact]
    public void CsvWithoutOrderSpeakerOrLabelColumns()
    {
        IReadOnlyList<Conversation> unlabelled = [new("a", [new Utterance(null, "one", null), new Utterance(null, "", null)])];
        var columns = new ColumnMapping { Order = null, Speaker = null, Label = null };
        var writer = new StringWriter();

        CorpusWriter.WriteCsv(writer, unlabelled, columns);
        var back = CorpusReader.Read(new StringReader(writer.ToString()), "x.csv", columns, requireLabels: false);

        Assert.Equal("conversation_id,text\na,one\na,\n", writer.ToString());
        AssertSame(unlabelled, back);
    }

    [Fact]
    public void CsvHeaderFollowsTheMapping()
    {
        var writer = new StringWriter();

        CorpusWriter.WriteCsv(writer, [new Conversation("c", [new Utterance("A", "hi", "fo_o_fw_\"_by_bc")])], new ColumnMapping { Label = "act" });

        Assert.Equal("conversation_id,utterance_index,speaker,act,text\nc,0,A,\"fo_o_fw_\"\"_by_bc\",hi\n", writer.ToString());
    }

    [Fact]
    public void JsonlShape()
    {
        var writer = new StringWriter();

        CorpusWriter.WriteJsonl(writer, [new Conversation("c", [new Utterance("A", "hé \"x\"", "sd"), new Utterance(null, "", null)])]);

        Assert.Equal("{\"id\":\"c\",\"utterances\":[{\"speaker\":\"A\",\"text\":\"hé \\\"x\\\"\",\"label\":\"sd\"},{\"text\":\"\"}]}\n", writer.ToString());
    }

    [Fact]
    public void CsvMappingNamingAColumnTwice()
    {
        AssertFails("column mapping names column 'text' more than once",
            () => { CorpusWriter.WriteCsv(new StringWriter(), Tricky, new ColumnMapping { Label = "text" }); return 0; });
    }

    [Fact]
    public void UnknownExtension()
    {
        string path = _temp.PathOf("out.txt");
        AssertFails($"{path}: cannot tell the corpus format from the file extension '.txt' (expected .csv, .jsonl or .json)",
            () => { CorpusWriter.Write(path, Tricky, new ColumnMapping()); return 0; });
    }
}
