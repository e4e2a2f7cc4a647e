using System.Text;
using DialogueActs.Data;
using Xunit;

namespace DialogueActs.Tests.Data;

public sealed class CsvCorpusReaderTests : IDisposable
{
    private static readonly ColumnMapping Swda = new() { Label = "act" };
    private readonly TempCorpus _temp = new();

    public void Dispose() => _temp.Dispose();

    private static Utterance U(string? speaker, string text, string? label) => new(speaker, text, label);

    [Fact]
    public void Read_SortsUtterancesByOrderColumn()
    {
        string path = _temp.Write("c.csv",
            "conversation_id,utterance_index,speaker,label,text\n" +
            "a,2,A,sd,third\n" +
            "a,0,A,qy,first\n" +
            "a,10,B,aa,fourth\n" +
            "a,1,B,ny,second\n");

        var conversations = CorpusReader.Read(path, new ColumnMapping(), requireLabels: true);

        var conversation = Assert.Single(conversations);
        Assert.Equal("a", conversation.Id);
        Assert.Equal(
            [U("A", "first", "qy"), U("B", "second", "ny"), U("A", "third", "sd"), U("B", "fourth", "aa")],
            conversation.Utterances);
    }

    [Fact]
    public void Read_KeepsFileOrderWhenOrderColumnIsNull()
    {
        string path = _temp.Write("c.csv", "conversation_id,speaker,label,text\na,A,x,one\na,B,y,two\na,A,z,three\n");

        var conversations = CorpusReader.Read(path, new ColumnMapping { Order = null }, requireLabels: true);

        Assert.Equal(["one", "two", "three"], conversations[0].Utterances.Select(u => u.Text));
    }

    [Fact]
    public void Read_GroupsNonContiguousBlocksAndKeepsOrderOfFirstAppearance()
    {
        string path = _temp.Write("c.csv",
            "conversation_id,utterance_index,speaker,label,text\n" +
            "b,0,A,x,b0\n" +
            "a,1,A,x,a1\n" +
            "b,1,B,x,b1\n" +
            "a,0,B,x,a0\n");

        var conversations = CorpusReader.Read(path, new ColumnMapping(), requireLabels: true);

        Assert.Equal(["b", "a"], conversations.Select(c => c.Id));
        Assert.Equal(["b0", "b1"], conversations[0].Utterances.Select(u => u.Text));
        Assert.Equal(["a0", "a1"], conversations[1].Utterances.Select(u => u.Text));
    }

    [Fact]
    public void Read_GroupsNonContiguousBlocksInFileOrderWhenOrderColumnIsNull()
    {
        string path = _temp.Write("c.csv", "conversation_id,text\nb,b0\na,a0\nb,b1\n");

        var conversations = CorpusReader.Read(path, new ColumnMapping { Order = null, Speaker = null }, requireLabels: false);

        Assert.Equal(["b", "a"], conversations.Select(c => c.Id));
        Assert.Equal(["b0", "b1"], conversations[0].Utterances.Select(u => u.Text));
    }

    [Fact]
    public void Read_SpeakersAreNullWhenSpeakerColumnIsNotMapped()
    {
        string path = _temp.Write("c.csv", "conversation_id,utterance_index,speaker,label,text\na,0,A,x,hi\n");

        var conversations = CorpusReader.Read(path, new ColumnMapping { Speaker = null }, requireLabels: true);

        Assert.Equal(U(null, "hi", "x"), conversations[0].Utterances[0]);
    }

    [Fact]
    public void Read_EmptySpeakerAndLabelCellsReadAsNull()
    {
        string path = _temp.Write("c.csv", "conversation_id,utterance_index,speaker,label,text\na,0,,,hi\n");

        var conversations = CorpusReader.Read(path, new ColumnMapping(), requireLabels: false);

        Assert.Equal(U(null, "hi", null), conversations[0].Utterances[0]);
    }

    [Fact]
    public void Read_LabelsAreNullWhenLabelColumnIsAbsentAndNotRequired()
    {
        string path = _temp.Write("c.csv", "conversation_id,utterance_index,speaker,text\na,0,A,hi\na,1,B,yo\n");

        var conversations = CorpusReader.Read(path, new ColumnMapping(), requireLabels: false);

        Assert.All(conversations[0].Utterances, u => Assert.Null(u.Label));
    }

    [Fact]
    public void Read_LabelsAreNullWhenLabelMappingIsNull()
    {
        string path = _temp.Write("c.csv", "conversation_id,utterance_index,speaker,label,text\na,0,A,sd,hi\n");

        var conversations = CorpusReader.Read(path, new ColumnMapping { Label = null }, requireLabels: false);

        Assert.Null(conversations[0].Utterances[0].Label);
    }

    [Fact]
    public void Read_EmptyTextIsValid()
    {
        string path = _temp.Write("c.csv", "conversation_id,utterance_index,speaker,label,text\na,0,A,x,\na,1,B,y,\"\"\n");

        var conversations = CorpusReader.Read(path, new ColumnMapping(), requireLabels: true);

        Assert.Equal(["", ""], conversations[0].Utterances.Select(u => u.Text));
    }

    [Fact]
    public void Read_SwdaShapedFileWithQuotedLabelsAndCommas()
    {
        string path = _temp.Write("swda.csv",
            "conversation_id,utterance_index,speaker,act,text\n" +
            "sw2005,0,A,\"fo_o_fw_\"\"_by_bc\",Okay.\n" +
            "sw2005,1,A,qo,\"Uh, first, um, I need to know\"\n" +
            "sw2005,2,B,\"a,b\",\"she said \"\"hi\"\"\"\n");

        var conversations = CorpusReader.Read(path, Swda, requireLabels: true);

        Assert.Equal(
            [U("A", "Okay.", "fo_o_fw_\"_by_bc"), U("A", "Uh, first, um, I need to know", "qo"), U("B", "she said \"hi\"", "a,b")],
            conversations[0].Utterances);
    }

    [Fact]
    public void Read_MrdaShapedFileWithExtraColumns()
    {
        string path = _temp.Write("mrda.csv",
            "conversation_id,utterance_index,speaker,basic,general,full,text\n" +
            "Bdb001,0,fe016,F,fg,fg,okay.\n" +
            "Bdb001,1,fe016,F,fh,fh,so um\n");

        var conversations = CorpusReader.Read(path, new ColumnMapping { Label = "general" }, requireLabels: true);

        Assert.Equal(["fg", "fh"], conversations[0].Utterances.Select(u => u.Label));
    }

    [Fact]
    public void Read_MultilineQuotedTextCrLfBlankLinesAndBom()
    {
        byte[] bytes = Encoding.UTF8.GetPreamble()
            .Concat(Encoding.UTF8.GetBytes("conversation_id,utterance_index,speaker,label,text\r\na,0,A,x,\"two\r\nlines\"\r\n\r\na,1,B,y,héllo\r\n"))
            .ToArray();
        string path = _temp.WriteBytes("c.csv", bytes);

        var conversations = CorpusReader.Read(path, new ColumnMapping(), requireLabels: true);

        Assert.Equal(["two\r\nlines", "héllo"], conversations[0].Utterances.Select(u => u.Text));
    }

    [Fact]
    public void Read_FromStreamAndTextReaderWithoutDisk()
    {
        const string csv = "conversation_id,utterance_index,speaker,label,text\na,0,A,x,hi\n";

        var fromStream = CorpusReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "upload.csv", new ColumnMapping(), true);
        var fromReader = CorpusReader.Read(new StringReader(csv), "upload.csv", new ColumnMapping(), true);

        Assert.Equal(U("A", "hi", "x"), fromStream[0].Utterances[0]);
        Assert.Equal(U("A", "hi", "x"), fromReader[0].Utterances[0]);
    }

    [Fact]
    public void Read_ExplicitCsvFormatIgnoresExtension()
    {
        string path = _temp.Write("corpus.txt", "conversation_id,utterance_index,speaker,label,text\na,0,A,x,hi\n");

        var conversations = CorpusReader.Read(path, new ColumnMapping(), true, CorpusFormat.Csv);

        Assert.Single(conversations);
    }

    [Fact]
    public void Read_ExtensionIsMatchedCaseInsensitively()
    {
        string path = _temp.Write("CORPUS.CSV", "conversation_id,utterance_index,speaker,label,text\na,0,A,x,hi\n");

        Assert.Single(CorpusReader.Read(path, new ColumnMapping(), true));
    }
}
