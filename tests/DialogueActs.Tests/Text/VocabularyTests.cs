using System.Text;
using DialogueActs.Text;
using Xunit;

namespace DialogueActs.Tests.Text;

public class VocabularyTests
{
    private static readonly string[] _tokens = ["b", "a", "c", "a", "b", "d", "a", "c", "b", "e"];

    [Fact]
    public void Build_ReservesPadUnknownEmpty()
    {
        Vocabulary vocabulary = Vocabulary.Build([], 1, 10);
        Assert.Equal(3, vocabulary.Count);
        Assert.Equal("<pad>", vocabulary.TokenAt(Vocabulary.PadId));
        Assert.Equal("<unk>", vocabulary.TokenAt(Vocabulary.UnknownId));
        Assert.Equal("<empty>", vocabulary.TokenAt(Vocabulary.EmptyId));
        Assert.Equal(0, Vocabulary.PadId);
        Assert.Equal(1, Vocabulary.UnknownId);
        Assert.Equal(2, Vocabulary.EmptyId);
    }

    [Fact]
    public void Build_OrdersByFrequencyThenOrdinally()
    {
        Vocabulary vocabulary = Vocabulary.Build(_tokens, 1, 100);
        Assert.Equal(["<pad>", "<unk>", "<empty>", "a", "b", "c", "d", "e"], vocabulary.Tokens);
        Assert.Equal(3, vocabulary.OccurrencesOf(vocabulary.IdOf("a")));
        Assert.Equal(0, vocabulary.OccurrencesOf(Vocabulary.UnknownId));
        Assert.Equal(10, vocabulary.TrainingTokenCount);
    }

    [Fact]
    public void Build_AppliesMinCount()
    {
        Vocabulary vocabulary = Vocabulary.Build(_tokens, 2, 100);
        Assert.Equal(["<pad>", "<unk>", "<empty>", "a", "b", "c"], vocabulary.Tokens);
        Assert.Equal(Vocabulary.UnknownId, vocabulary.IdOf("d"));
        Assert.False(vocabulary.Contains("d"));
        Assert.Equal(10, vocabulary.TrainingTokenCount);
    }

    [Fact]
    public void Build_AppliesMaxSizeIncludingReservedIds()
    {
        Vocabulary vocabulary = Vocabulary.Build(_tokens, 1, 5);
        Assert.Equal(["<pad>", "<unk>", "<empty>", "a", "b"], vocabulary.Tokens);
    }

    [Fact]
    public void Build_IsDeterministicRegardlessOfInputOrder()
    {
        Vocabulary first = Vocabulary.Build(_tokens, 1, 100);
        Vocabulary second = Vocabulary.Build(_tokens.Reverse(), 1, 100);
        Assert.Equal(first.Tokens, second.Tokens);
    }

    [Fact]
    public void Build_SkipsTokensEqualToReservedOnes()
    {
        Vocabulary vocabulary = Vocabulary.Build(["<unk>", "<unk>", "x", "x"], 1, 100);
        Assert.Equal(["<pad>", "<unk>", "<empty>", "x"], vocabulary.Tokens);
    }

    [Fact]
    public void Build_RejectsBadLimits()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Build([], 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Build([], 1, 3));
    }

    [Fact]
    public void TokenAt_OutOfRange_Throws()
    {
        Vocabulary vocabulary = Vocabulary.Build(_tokens, 1, 100);
        Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.TokenAt(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.TokenAt(vocabulary.Count));
    }

    [Fact]
    public void WriteTo_ReadFrom_RoundTrips_AnyCharacters()
    {
        Vocabulary vocabulary = Vocabulary.Build(["a b", "a b", "new\nline", "\"q\"", "é", " don", "tab\t"], 1, 100);
        using var stream = new MemoryStream();
        vocabulary.WriteTo(stream);
        stream.Position = 0;
        Vocabulary read = Vocabulary.ReadFrom(stream, "vocab.json");
        Assert.Equal(vocabulary.Tokens, read.Tokens);
        Assert.Equal(vocabulary.TrainingTokenCount, read.TrainingTokenCount);
        for (int id = 0; id < vocabulary.Count; id++)
        {
            Assert.Equal(vocabulary.OccurrencesOf(id), read.OccurrencesOf(id));
        }
        Assert.Equal(vocabulary.IdOf("new\nline"), read.IdOf("new\nline"));
    }

    [Theory]
    [InlineData("not json", "vocab.json: not a valid vocabulary file: $: 'not json' is an invalid JSON literal. Expected the literal 'null' (line 1)")]
    [InlineData("{\"format\":\"other\"}", "vocab.json: not a vocabulary file")]
    [InlineData("{\"format\":\"dialogue-acts-vocabulary\",\"version\":9,\"trainingTokenCount\":0,\"tokens\":[],\"counts\":[]}", "vocab.json: unsupported vocabulary version 9, expected 1")]
    [InlineData("{\"format\":\"dialogue-acts-vocabulary\",\"version\":1,\"trainingTokenCount\":0,\"tokens\":[\"<pad>\",\"<unk>\"],\"counts\":[0,0]}", "vocab.json: the vocabulary must start with <pad>, <unk>, <empty>")]
    [InlineData("{\"format\":\"dialogue-acts-vocabulary\",\"version\":1,\"trainingTokenCount\":0,\"tokens\":[\"<pad>\",\"<unk>\",\"<empty>\",\"a\"],\"counts\":[0,0,0]}", "vocab.json: 4 tokens but 3 counts")]
    [InlineData("{\"format\":\"dialogue-acts-vocabulary\",\"version\":1,\"trainingTokenCount\":0,\"tokens\":[\"<pad>\",\"<unk>\",\"<empty>\",\"a\",\"a\"],\"counts\":[0,0,0,1,1]}", "vocab.json: token 4 \"a\" is a duplicate")]
    public void ReadFrom_Corrupt_ThrowsUserError(string content, string message)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        var ex = Assert.Throws<DialogueActsException>(() => Vocabulary.ReadFrom(stream, "vocab.json"));
        Assert.Equal(message, ex.Message);
    }
}
