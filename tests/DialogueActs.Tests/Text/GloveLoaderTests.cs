using DialogueActs.Pretrained;
using DialogueActs.Text;
using Xunit;

namespace DialogueActs.Tests.Text;

public sealed class GloveLoaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("glove-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string content)
    {
        string path = Path.Combine(_directory, "vectors.txt");
        File.WriteAllText(path, content);
        return path;
    }

    // Counts: "the" x4, "cat" x2, "zzz" x2; "dog" x1 is below min count. Vocabulary: <pad> <unk> <empty> the cat zzz.
    private static Vocabulary MakeVocabulary() =>
        Vocabulary.Build(["the", "the", "the", "the", "cat", "cat", "zzz", "zzz", "dog"], 2, 100);

    [Fact]
    public void Load_FillsFoundRows_AndReportsCoverage()
    {
        Vocabulary vocabulary = MakeVocabulary();
        string path = Write("the 1 2\ndog 9 9\ncat 3.5 -4e-1\n");
        var initial = Enumerable.Repeat(7f, vocabulary.Count * 2).ToArray();
        GloveEmbeddings glove = GloveLoader.Load(path, vocabulary, 2, initial);

        Assert.Equal(vocabulary.Count, glove.Rows);
        Assert.Equal(2, glove.Dimension);
        Assert.Equal([0f, 0f], glove.Matrix[0..2]);
        Assert.Equal([7f, 7f], glove.Matrix[2..4]);
        Assert.Equal([1f, 2f], Row(glove, vocabulary.IdOf("the")));
        Assert.Equal([3.5f, -0.4f], Row(glove, vocabulary.IdOf("cat")));
        Assert.Equal([7f, 7f], Row(glove, vocabulary.IdOf("zzz")));
        Assert.Equal(2, glove.FoundTokens);
        Assert.Equal(3, glove.VocabularyTokens);
        Assert.Equal(2.0 / 3, glove.VocabularyCoverage, 12);
        Assert.Equal(6.0 / 9, glove.TokenCoverage, 12);
        Assert.Equal(7f, initial[0]);
    }

    [Fact]
    public void Load_MatchesCaseInsensitively_PreferringExactMatches()
    {
        Vocabulary vocabulary = Vocabulary.Build(["The", "The", "cat", "cat"], 1, 100);
        string path = Write("CAT 1 1\nthe 2 2\nThe 3 3\ncat 4 4\n");
        GloveEmbeddings glove = GloveLoader.Load(path, vocabulary, 2, new float[vocabulary.Count * 2]);
        Assert.Equal([3f, 3f], Row(glove, vocabulary.IdOf("The")));
        Assert.Equal([4f, 4f], Row(glove, vocabulary.IdOf("cat")));
    }

    [Fact]
    public void Load_WithRandom_IsSeededAndZeroesPadding()
    {
        Vocabulary vocabulary = MakeVocabulary();
        string path = Write("the 1 -1\n");
        GloveEmbeddings first = GloveLoader.Load(path, vocabulary, 2, new Random(5));
        GloveEmbeddings second = GloveLoader.Load(path, vocabulary, 2, new Random(5));
        Assert.Equal(first.Matrix, second.Matrix);
        Assert.Equal([0f, 0f], Row(first, Vocabulary.PadId));
        Assert.Equal([1f, -1f], Row(first, vocabulary.IdOf("the")));
        Assert.NotEqual([0f, 0f], Row(first, vocabulary.IdOf("cat")));
    }

    [Fact]
    public void Load_SkipsBlankLinesAndToleratesCrLf()
    {
        Vocabulary vocabulary = MakeVocabulary();
        string path = Write("the 1 2\r\n\r\ncat 3 4\r\n");
        GloveEmbeddings glove = GloveLoader.Load(path, vocabulary, 2, new float[vocabulary.Count * 2]);
        Assert.Equal([3f, 4f], Row(glove, vocabulary.IdOf("cat")));
    }

    [Fact]
    public void Load_MissingFile_IsFileNotFound()
    {
        string path = Path.Combine(_directory, "missing.txt");
        var ex = Assert.Throws<DialogueActsException>(() => GloveLoader.Load(path, MakeVocabulary(), 2, new Random(1)));
        Assert.Equal($"{path}: file not found", ex.Message);
    }

    [Fact]
    public void Load_WrongDimension_NamesFileLineAndBothDimensions()
    {
        string path = Write("the 1 2 3\n");
        var ex = Assert.Throws<DialogueActsException>(() => GloveLoader.Load(path, MakeVocabulary(), 2, new Random(1)));
        Assert.Equal($"{path}:1: the vectors have dimension 3 but the embedding dimension (model.embeddingDim) is 2", ex.Message);
    }

    [Fact]
    public void Load_WrongValueCount_NamesLine()
    {
        string path = Write("the 1 2\nof 1\n");
        var ex = Assert.Throws<DialogueActsException>(() => GloveLoader.Load(path, MakeVocabulary(), 2, new Random(1)));
        Assert.Equal($"{path}:2: expected 2 values after the word, got 1", ex.Message);
    }

    [Fact]
    public void Load_NonNumber_NamesLineAndValue()
    {
        string path = Write("of 1 2\n\ncat 1 x2\n");
        var ex = Assert.Throws<DialogueActsException>(() => GloveLoader.Load(path, MakeVocabulary(), 2, new Random(1)));
        Assert.Equal($"{path}:3: value 2 is not a number: \"x2\"", ex.Message);
    }

    [Fact]
    public void Load_LineWithoutValues_NamesLine()
    {
        string path = Write("the 1 2\nlonely\n");
        var ex = Assert.Throws<DialogueActsException>(() => GloveLoader.Load(path, MakeVocabulary(), 2, new Random(1)));
        Assert.Equal($"{path}:2: expected a word followed by 2 values", ex.Message);
    }

    [Fact]
    public void Load_EmptyFile_IsAnError()
    {
        string path = Write("\n");
        var ex = Assert.Throws<DialogueActsException>(() => GloveLoader.Load(path, MakeVocabulary(), 2, new Random(1)));
        Assert.Equal($"{path}: no vectors in the file", ex.Message);
    }

    private static float[] Row(GloveEmbeddings glove, int id) =>
        glove.Matrix[(id * glove.Dimension)..((id + 1) * glove.Dimension)];
}
