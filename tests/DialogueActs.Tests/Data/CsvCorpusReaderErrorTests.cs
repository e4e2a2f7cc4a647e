using System.Text;
using DialogueActs.Data;
using Xunit;
using static DialogueActs.Tests.Data.TempCorpus;

namespace DialogueActs.Tests.Data;

public sealed class CsvCorpusReaderErrorTests : IDisposable
{
    private const string Header = "conversation_id,utterance_index,speaker,label,text\n";
    private static readonly ColumnMapping Default = new();
    private readonly TempCorpus _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Csv(string content) => _temp.Write("c.csv", content);

    [Fact]
    public void MissingFile()
    {
        string path = _temp.PathOf("nope.csv");
        AssertFails($"{path}: file not found", () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void PathIsADirectory()
    {
        AssertFails($"{_temp.Dir}: is a directory, not a file", () => CorpusReader.Read(_temp.Dir, Default, true));
    }

    [Fact]
    public void UnknownExtension()
    {
        string path = _temp.Write("c.tsv", "x");
        AssertFails($"{path}: cannot tell the corpus format from the file extension '.tsv' (expected .csv, .jsonl or .json)",
            () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void NoExtension()
    {
        string path = _temp.Write("corpus", "x");
        AssertFails($"{path}: cannot tell the corpus format from the file extension '' (expected .csv, .jsonl or .json)",
            () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void EmptyFile()
    {
        string path = Csv("");
        AssertFails($"{path}: file is empty", () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void BlankLinesOnly()
    {
        string path = Csv("\n\r\n  \n");
        AssertFails($"{path}: file is empty", () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void HeaderOnly()
    {
        string path = Csv(Header + "\n");
        AssertFails($"{path}: no data rows after the header", () => CorpusReader.Read(path, Default, true));
    }

    [Theory]
    [InlineData("utterance_index,speaker,label,text", "conversation_id")]
    [InlineData("conversation_id,speaker,label,text", "utterance_index")]
    [InlineData("conversation_id,utterance_index,label,text", "speaker")]
    [InlineData("conversation_id,utterance_index,speaker,label", "text")]
    [InlineData("conversation_id,utterance_index,speaker,text", "label")]
    public void MissingRequiredColumn(string header, string missing)
    {
        string path = Csv(header + "\nx,y,z,w\n");
        AssertFails($"{path}:1: missing column '{missing}' (header has: {header.Replace(",", ", ")})",
            () => CorpusReader.Read(path, Default, requireLabels: true));
    }

    [Fact]
    public void MissingColumnIsReportedOnTheHeaderLineAfterBlankLines()
    {
        string path = Csv("\n\nconversation_id,text\na,b\n");
        AssertFails($"{path}:3: missing column 'utterance_index' (header has: conversation_id, text)",
            () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void LabelsRequiredButNoLabelColumnConfigured()
    {
        string path = Csv(Header + "a,0,A,x,hi\n");
        AssertFails($"{path}: labels are required but no label column is configured",
            () => CorpusReader.Read(path, new ColumnMapping { Label = null }, requireLabels: true));
    }

    [Fact]
    public void MappedColumnAppearsTwiceInHeader()
    {
        string path = Csv("conversation_id,utterance_index,speaker,label,text,text\na,0,A,x,hi,ho\n");
        AssertFails($"{path}:1: column 'text' appears more than once in the header",
            () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void TooFewFields()
    {
        string path = Csv(Header + "a,0,A,x,hi\na,1,B,y\n");
        AssertFails($"{path}:3: expected 5 fields as in the header, got 4", () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void TooManyFields()
    {
        string path = Csv(Header + "a,0,A,x,hi, there\n");
        AssertFails($"{path}:2: expected 5 fields as in the header, got 6", () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void UnterminatedQuoteAtEndOfFile()
    {
        string path = Csv(Header + "a,0,A,x,hi\na,1,B,y,\"oops\n");
        AssertFails($"{path}:3: unterminated quoted field (the opening '\"' is never closed)",
            () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void UnterminatedQuoteSwallowingLaterRows()
    {
        string path = Csv(Header + "a,0,A,\"x,hi\na,1,B,y,ho\na,2,A,z,hey\n");
        AssertFails($"{path}:2: unterminated quoted field (the opening '\"' is never closed)",
            () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void StrayQuoteInUnquotedField()
    {
        string path = Csv(Header + "a,0,A,x,say \"hi\n");
        AssertFails($"{path}:2: malformed quoting in field 'say \"hi' (a field containing '\"' must be quoted, with each '\"' doubled)",
            () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void TextAfterClosingQuote()
    {
        string path = Csv(Header + "a,0,A,x,\"hi\" there\n");
        AssertFails($"{path}:2: malformed quoting in field '\"hi\" there' (a field containing '\"' must be quoted, with each '\"' doubled)",
            () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void DuplicateOrderNamesBothLines()
    {
        string path = Csv(Header + "a,0,A,x,one\nb,0,A,x,other\na,1,B,y,two\na,0,A,z,again\n");
        AssertFails($"{path}:5: duplicate value 0 in column 'utterance_index' for conversation 'a' (also on line 2)",
            () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void NonIntegerOrder()
    {
        string path = Csv(Header + "a,0,A,x,one\na,abc,B,y,two\n");
        AssertFails($"{path}:3: column 'utterance_index' must be an integer, got 'abc'",
            () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void EmptyOrder()
    {
        string path = Csv(Header + "a,,A,x,one\n");
        AssertFails($"{path}:2: column 'utterance_index' must be an integer, got ''",
            () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void EmptyLabelWhenRequired()
    {
        string path = Csv("conversation_id,utterance_index,speaker,act,text\na,0,A,sd,one\na,1,B,,two\n");
        AssertFails($"{path}:3: column 'act' is empty (labels are required)",
            () => CorpusReader.Read(path, new ColumnMapping { Label = "act" }, requireLabels: true));
    }

    [Fact]
    public void EmptyConversationId()
    {
        string path = Csv(Header + "a,0,A,x,one\n,1,B,y,two\n");
        AssertFails($"{path}:3: column 'conversation_id' is empty", () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void LineNumbersCountMultilineFieldsAndBlankLines()
    {
        string path = Csv(Header + "a,0,A,x,\"line one\nline two\nline three\"\n\n\r\na,zz,B,y,two\n");
        AssertFails($"{path}:7: column 'utterance_index' must be an integer, got 'zz'",
            () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void InvalidUtf8()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes(Header + "a,0,A,x,\"multi\nline\"\na,1,B,y,caf"), 0xE9, .. Encoding.UTF8.GetBytes("\n")];
        string path = _temp.WriteBytes("c.csv", bytes);
        AssertFails($"{path}:4: invalid UTF-8 (byte 0xE9)", () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void TruncatedUtf8SequenceAtEndOfFile()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes(Header + "a,0,A,x,hi\n"), 0xE2, 0x82];
        string path = _temp.WriteBytes("c.csv", bytes);
        AssertFails($"{path}:3: invalid UTF-8 (byte 0xE2)", () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void InvalidUtf8FromStreamUsesTheGivenName()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes(Header), 0xFF];
        AssertFails("upload.csv:2: invalid UTF-8 (byte 0xFF)",
            () => CorpusReader.Read(new MemoryStream(bytes), "upload.csv", Default, true));
    }

    // Found by the fuzzer (scripts/Fuzz): values quoted in messages are excerpts, never the whole field.

    [Fact]
    public void NonIntegerOrderOfMegabytesIsQuotedAsAnExcerpt()
    {
        string path = Csv(Header + "c1," + new string('9', 3 * 1024 * 1024) + "x,A,sd,hi\n");
        AssertFails($"{path}:2: column 'utterance_index' must be an integer, got '{new string('9', 40)}...'",
            () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void MultiLineOrderValueStaysOnOneLine()
    {
        string path = Csv(Header + "c1,\"1\n2\",A,sd,hi\n");
        AssertFails($"{path}:2: column 'utterance_index' must be an integer, got '1\\n2'", () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void MissingColumnListsAnExcerptOfEachHeaderName()
    {
        string path = Csv("conversation_id,utterance_index,\"spe\naker\"," + new string('x', 5000) + ",text\nc1,0,A,sd,hi\n");
        AssertFails($"{path}:1: missing column 'speaker' (header has: conversation_id, utterance_index, spe\\naker, {new string('x', 40)}..., text)",
            () => CorpusReader.Read(path, Default, true));
    }

    [Fact]
    public void DuplicateOrderInAMultiLineConversationIdStaysOnOneLine()
    {
        string path = Csv(Header + "\"c\n1\",0,A,sd,hi\n\"c\n1\",0,B,sd,yo\n");
        AssertFails($"{path}:4: duplicate value 0 in column 'utterance_index' for conversation 'c\\n1' (also on line 2)",
            () => CorpusReader.Read(path, Default, true));
    }
}
