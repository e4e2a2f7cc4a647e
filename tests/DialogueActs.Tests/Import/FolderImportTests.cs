using DialogueActs.Training.Import;
using DialogueActs.Tests.Data;

namespace DialogueActs.Tests.Import;

public sealed class FolderImportTests : IDisposable
{
    private readonly TempCorpus _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Out => _dir.PathOf("out");

    private void Conversation(string relative, string content)
    {
        string path = _dir.PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private FolderImportOptions Options(string columns, params (string Split, string Path)[] splits) => new()
    {
        Source = _dir.PathOf("corpus"),
        Columns = ImportColumns.Parse(columns, "--columns"),
        Splits = splits.ToDictionary(s => s.Split, s => _dir.PathOf(s.Path)),
    };

    [Fact]
    public void FolderSplits_TakeEveryConversationFileInNameOrder_ListsFindFilesInSubfolders()
    {
        Conversation("corpus/a/c2.txt", "x|hello, you|q\n");
        Conversation("corpus/a/c1.txt", "y|hi|s\nx|\"so\"|s\n");
        Conversation("corpus/a/notes.md", "not a conversation");
        Conversation("corpus/b/deep/d1.txt", "z|bye|f\n");
        Conversation("lists/test.txt", "d1\n");

        var result = CorpusImporter.Import(FolderImport.Plan(Options("who,act,text", ("train", "corpus/a"), ("test", "lists/test.txt")) with { IdPrefix = "m-" }), Out);

        Assert.Equal(["train", "test"], result.Splits.Select(s => s.Name));
        Assert.Equal(
            [["conversation_id", "utterance_index", "who", "act", "text"], ["m-c1", "0", "y", "hi", "s"], ["m-c1", "1", "x", "\"so\"", "s"], ["m-c2", "0", "x", "hello, you", "q"]],
            DuranImportTests.ReadCsv(Path.Combine(Out, "train.csv")));
        Assert.Equal([["conversation_id", "utterance_index", "who", "act", "text"], ["m-d1", "0", "z", "bye", "f"]], DuranImportTests.ReadCsv(Path.Combine(Out, "test.csv")));
        Assert.Null(result.LabelsFile);
    }

    [Fact]
    public void ConversationInTwoSplits_NamesBothPlaces()
    {
        Conversation("corpus/c1.txt", "a|t\n");
        Conversation("valid.txt", "c1\n");
        var ex = Assert.Throws<DialogueActsException>(() => FolderImport.Plan(Options("speaker,text", ("train", "corpus"), ("valid", "valid.txt"))));
        Assert.Equal($"{_dir.PathOf("valid.txt")}:1: conversation 'c1' is in two splits, train ({_dir.PathOf("corpus/c1.txt")}:1) and valid", ex.Message);
    }

    [Fact]
    public void ListedIdWithTwoFiles_NamesBoth()
    {
        Conversation("corpus/x/c1.txt", "a|t\n");
        Conversation("corpus/y/c1.txt", "a|t\n");
        Conversation("train.txt", "c1\n");
        var ex = Assert.Throws<DialogueActsException>(() => FolderImport.Plan(Options("speaker,text", ("train", "train.txt"))));
        Assert.Equal($"{_dir.PathOf("train.txt")}:1: conversation 'c1' has two files, {_dir.PathOf("corpus/x/c1.txt")} and {_dir.PathOf("corpus/y/c1.txt")}", ex.Message);
    }

    [Fact]
    public void MissingSplitListOrFolder_NamesIt()
    {
        Directory.CreateDirectory(_dir.PathOf("corpus"));
        var ex = Assert.Throws<DialogueActsException>(() => FolderImport.Plan(Options("speaker,text", ("train", "nowhere.txt"))));
        Assert.Equal($"{_dir.PathOf("nowhere.txt")}: split list not found", ex.Message);
    }

    [Fact]
    public void LabelMaps_GoToLabelsJson_ForLabelFieldsOnly()
    {
        Conversation("corpus/c1.txt", "a|t|s\n");
        Conversation("acts.txt", "Statement|s\nQuestion|q\n");
        var options = Options("speaker,text,act", ("train", "corpus")) with { LabelMaps = [new LabelMapSource("act", _dir.PathOf("acts.txt"))] };
        var result = CorpusImporter.Import(FolderImport.Plan(options), Out);
        Assert.Equal("{\n  \"act\": {\n    \"s\": {\n      \"name\": \"Statement\"\n    },\n    \"q\": {\n      \"name\": \"Question\"\n    }\n  }\n}\n",
            File.ReadAllText(result.LabelsFile!));

        var ex = Assert.Throws<DialogueActsException>(() => FolderImport.Plan(options with { LabelMaps = [new LabelMapSource("text", "acts.txt")] }));
        Assert.Equal("acts.txt: label map for 'text', which is not a label field of speaker|text|act", ex.Message);
    }

    [Fact]
    public void LabelMapWithoutATag_NamesFileAndLine_AndWritesNothing()
    {
        Conversation("corpus/c1.txt", "a|t|s\n");
        Conversation("acts.txt", "Statement|s\nQuestion\n");
        var options = Options("speaker,text,act", ("train", "corpus")) with { LabelMaps = [new LabelMapSource("act", _dir.PathOf("acts.txt"))] };
        var ex = Assert.Throws<DialogueActsException>(() => CorpusImporter.Import(FolderImport.Plan(options), Out));
        Assert.Equal($"{_dir.PathOf("acts.txt")}:2: expected name|tag, got 'Question'", ex.Message);
        Assert.False(Directory.Exists(Out));
    }

    [Theory]
    [InlineData("speaker,act", "--columns: no 'text' field in 'speaker,act'")]
    [InlineData("speaker,,text", "--columns: empty field name in 'speaker,,text'")]
    [InlineData("text,act,act", "--columns: field 'act' is named twice")]
    [InlineData("conversation_id,text", "--columns: 'conversation_id' is written by the importer; name the fields of a line only")]
    public void BadColumns_AreOneLineErrors(string columns, string expected)
    {
        var ex = Assert.Throws<DialogueActsException>(() => ImportColumns.Parse(columns, "--columns"));
        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public void ColumnsPutTextLast()
    {
        Assert.Equal(["conversation_id", "utterance_index", "speaker", "basic", "general", "full", "text"],
            ImportColumns.Parse("speaker,text,basic,general,full", "x").Header);
    }
}
