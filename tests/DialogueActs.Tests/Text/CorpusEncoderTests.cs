using DialogueActs.Data;
using DialogueActs.Modeling;
using DialogueActs.Text;

namespace DialogueActs.Tests.Text;

public sealed class CorpusEncoderTests
{
    private static readonly Conversation Dialogue = new("d", [new("A", "Hello there.", null), new("B", "Hi!", null), new("A", "", null)]);

    private static readonly TextEncoder Encoder = TextEncoder.Build(new TokenizerOptions { MinCount = 1 }, Dialogue.Utterances.Select(u => u.Text));

    [Fact]
    public void FeaturesAddTheirOwnDataBesideTheTokensAndSpeakers()
    {
        var plain = CorpusEncoder.Encode(Dialogue, Encoder, labels: null);
        Assert.Empty(plain.Payloads);
        Assert.Equal(new[] { 0, 1, 0 }, plain.Speakers);

        var options = new ModelOptions { EmbeddingDim = 4, UtteranceHidden = 3, ConversationHidden = 3, CharacterFilters = 2 };
        var features = FeatureSet.From(options, new ModelDimensions(Encoder.Vocabulary.Count, 2));
        var full = features.Prepare([Dialogue], [plain], new FeatureContext(Encoder, FeatureResources.None))[0];
        Assert.Equal(plain.Tokens, full.Tokens);
        var characters = full.Payload<byte[]>(CharacterFeature.FeatureName);
        Assert.Equal(full.Tokens.Select(t => t.Length * CharacterIds.PerToken), characters.Select(c => c.Length));
        Assert.Equal(characters[1..3], full.Slice(1, 2).Payload<byte[]>(CharacterFeature.FeatureName));
        Assert.Equal(characters, EncodedConversation.Concat("d", [full.Slice(0, 1), full.Slice(1, 2)], full.Speakers).Payload<byte[]>(CharacterFeature.FeatureName));
        Assert.Throws<ArgumentException>(() => plain.WithPayload("x", new int[2]));                      // one element per utterance
    }
}
