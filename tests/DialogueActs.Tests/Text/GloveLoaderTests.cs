using DialogueActs.Training.Pretrained;
using DialogueActs.Text;
using TorchSharp;
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

    [Fact]
    public void MergeGlove_NarrowVectorsAreScaledToTheRandomOnes_OtherRowsKeepTheirs()
    {
        // Rows: pad, unk, empty, then "a" (in the file), "b" (not in the file). Dimension 2.
        float[] random = { 9, 9, 1, 2, 3, 4, 5, 6, 7, 8 };
        float[] glove = { 0, 0, 0, 0, 0, 0, 3, 4, 0, 0 };
        var merged = PretrainedEmbeddingInitializer.MergeGlove(random, glove, 2, randomStd: 1.0);
        // "a" = (3, 4) has RMS sqrt(12.5); scaled to RMS 1 it is (3, 4) / sqrt(12.5).
        float s = (float)(1 / Math.Sqrt(12.5));
        Assert.Equal(new[] { 0, 0, 1, 2, 3, 4, 3 * s, 4 * s, 7, 8 }, merged);
        Assert.Equal(new float[] { 0, 0, 1, 2, 3, 4, 3, 4, 7, 8 }, PretrainedEmbeddingInitializer.MergeGlove(random, glove, 2, randomStd: null));
    }

    [Fact]
    public void Initialize_FillsTheLeadingColumnsOfFoundRows_AndKeepsTheRest()
    {
        Vocabulary vocabulary = MakeVocabulary();
        string path = Write("the 1 2\ncat 3 4\n");
        torch.manual_seed(1);
        using var weight = torch.randn(vocabulary.Count, 5);                                             // [V, 5]
        var before = weight.clone();
        string summary = PretrainedEmbeddingInitializer.Initialize(weight, vocabulary, path);

        Assert.StartsWith("GloVe: 2 of 3 vocabulary words found (", summary);
        Assert.Contains(", 2 of 5 dimensions (", summary);
        Assert.True(weight.narrow(1, 2, 3).eq(before.narrow(1, 2, 3)).all().item<bool>(), "the columns the file lacks keep their random values");
        Assert.True(weight[Vocabulary.PadId].narrow(0, 0, 2).eq(0).all().item<bool>(), "the padding row is zero");
        Assert.True(weight[vocabulary.IdOf("zzz")].eq(before[vocabulary.IdOf("zzz")]).all().item<bool>(), "a word not in the file keeps its row");
        var the = weight[vocabulary.IdOf("the")].narrow(0, 0, 2).data<float>().ToArray();
        var cat = weight[vocabulary.IdOf("cat")].narrow(0, 0, 2).data<float>().ToArray();
        Assert.Equal(2.0, the[1] / the[0], 5);                                                             // the file's direction, rescaled
        Assert.Equal(4.0 / 3, cat[1] / cat[0], 5);
        Assert.Equal(cat[0] / 3, the[0] / 1, 5);                                                           // one scale for every row
    }

    [Fact]
    public void Initialize_RefusesVectorsWiderThanTheEmbedding()
    {
        string path = Write("the 1 2 3\n");
        using var weight = torch.zeros(MakeVocabulary().Count, 2);
        var ex = Assert.Throws<DialogueActsException>(() => PretrainedEmbeddingInitializer.Initialize(weight, MakeVocabulary(), path));
        Assert.Equal($"{path}:1: the vectors have dimension 3, more than the embedding dimension (model.embeddingDim) 2", ex.Message);
    }

    private static float[] Row(GloveEmbeddings glove, int id) =>
        glove.Matrix[(id * glove.Dimension)..((id + 1) * glove.Dimension)];
}
