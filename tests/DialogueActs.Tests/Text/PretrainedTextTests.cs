using DialogueActs.Data;
using DialogueActs.Text;

namespace DialogueActs.Tests.Text;

/// <summary>Pretrained ids beside the training vocabulary, and sentence vectors attached to encoded conversations.</summary>
public sealed class PretrainedTextTests
{
    private static readonly Vocabulary Training = Vocabulary.FromWords(["i", "like", "it"]);
    private static readonly Vocabulary Pretrained = Vocabulary.FromWords(["the", "zebra", "like", "i", "zebra", "<unk>", "Paris"]);

    [Fact]
    public void FromWordsKeepsTheFileOrderAfterTheReservedIdsAndSkipsDuplicatesAndReservedTokens()
    {
        Assert.Equal(new[] { Vocabulary.PadToken, Vocabulary.UnknownToken, Vocabulary.EmptyToken, "the", "zebra", "like", "i", "Paris" }, Pretrained.Tokens);
        Assert.Equal(0, Pretrained.OccurrencesOf(4));
    }

    [Fact]
    public void WordsOutsideTheTrainingVocabularyKeepTheirPretrainedIds()
    {
        var encoder = new TextEncoder(new TokenizerOptions { Lowercase = false, MaxTokens = 4 }, Training, Pretrained);
        var ids = encoder.Encode("i like the zebra Paris", EncodedParts.PretrainedIds, out bool truncated, out var characters, out var pretrained);
        Assert.True(truncated);
        Assert.Null(characters);
        Assert.Equal(new[] { 3, 4, Vocabulary.UnknownId, Vocabulary.UnknownId }, ids);                        // "the", "zebra": unknown to training
        Assert.Equal(new[] { 6, 5, 3, 4 }, pretrained);                                                    // one per kept token
        Assert.Equal(new[] { 7, Vocabulary.UnknownId }, Ids(encoder, "Paris ZEBRAS"));
        Assert.Equal(new[] { 4 }, Ids(encoder, "Zebra"));                                                 // lowercased when the exact word is missing
        Assert.Equal(new[] { Vocabulary.EmptyId }, Ids(encoder, "   "));                                 // an utterance without tokens
        Assert.Throws<InvalidOperationException>(() => new TextEncoder(new TokenizerOptions(), Training).Encode("i", EncodedParts.PretrainedIds, out _, out _, out _));
    }

    private static int[] Ids(TextEncoder encoder, string text)
    {
        encoder.Encode(text, EncodedParts.PretrainedIds, out _, out _, out var pretrained);
        return pretrained!;
    }

    [Fact]
    public void AttachEncodesEachDistinctTextOnceForManyConversations()
    {
        var encoder = new TextEncoder(new TokenizerOptions(), Training);
        var conversations = new[]
        {
            new Conversation("a", new[] { new Utterance("A", "i like it", null), new Utterance("B", "yeah", null), new Utterance("A", "i like it", null) }),
            new Conversation("b", new[] { new Utterance("A", "yeah", null), new Utterance("B", "", null) }),
        };
        var encoded = conversations.Select(c => CorpusEncoder.Encode(c, encoder, null, EncodedParts.SentenceVectors)).ToArray();
        Assert.All(encoded, e => Assert.NotNull(e.Texts));
        var sentences = new HashSentenceEncoder();
        var attached = SentenceVectorEncoding.Attach(encoded, sentences);
        Assert.Equal(1, sentences.Calls);
        Assert.Equal(3, sentences.Texts);                                                                  // "i like it", "yeah", ""
        Assert.Equal(sentences.Vector("yeah"), attached[1].SentenceVectors![0]);
        Assert.Equal(sentences.Vector(""), attached[1].SentenceVectors![1]);
        Assert.Equal(attached[0].SentenceVectors![0], attached[0].SentenceVectors![2]);
        Assert.Equal(2, attached[0].Slice(1, 2).SentenceVectors!.Length);

        var noTexts = CorpusEncoder.Encode(conversations[0], encoder, null, EncodedParts.None);
        Assert.Throws<ArgumentException>(() => SentenceVectorEncoding.Attach(new[] { noTexts }, sentences));
        var wrongSize = Assert.Throws<DialogueActsException>(() => SentenceVectorEncoding.Attach(encoded, new ShortVectors()));
        Assert.Equal("sentence encoder 'short': returned a vector of 2 values, expected 3", wrongSize.Message);
    }

    private sealed class ShortVectors : ISentenceEncoder
    {
        public string Id => "short";
        public int Dimension => 3;
        public float[][] Encode(IReadOnlyList<string> texts) => texts.Select(_ => new float[2]).ToArray();
    }
}
