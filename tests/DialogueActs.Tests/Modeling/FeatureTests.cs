using DialogueActs.Modeling;
using DialogueActs.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Tests.Modeling;

public sealed class FeatureTests
{
    private static readonly WordEmbeddingFeature Words = new(vocabularySize: 30, embeddingDim: 5);
    private static readonly CharacterFeature Characters = new(filters: 4, embeddingDim: 3);

    private static EncodedConversation[] Conversations(int seed) =>
    [
        ModelFixtures.Conversation("a", new Random(seed), 3, 1, 9, 2),
        ModelFixtures.Conversation("b", new Random(seed + 1), 2, 5),
    ];

    private static UtteranceEncoder Encoder(int seed, params WordFeature[] features)
    {
        torch.manual_seed(seed);
        var encoder = new UtteranceEncoder(features, hidden: 6, dropout: 0.3, maxPooling: true);
        encoder.eval();
        return encoder;
    }

    [Fact]
    public void TheRegistryMapsTheOptionsToTheFeatures()
    {
        var plain = FeatureSet.From(ModelFixtures.SmallOptions(), ModelFixtures.Dimensions);
        Assert.Equal(new[] { WordEmbeddingFeature.FeatureName }, plain.All.Select(f => f.Name));
        Assert.DoesNotContain(plain.All, f => f.HasPayload);
        Assert.Equal(8, plain.WordFeatureSize);
        Assert.Equal(0, plain.UtteranceFeatureSize);

        var full = FeatureSet.From(ModelFixtures.SmallOptions(speaker: true, speakerWindow: 3, characterFilters: 4), ModelFixtures.Dimensions);
        Assert.Equal(new[] { WordEmbeddingFeature.FeatureName, CharacterFeature.FeatureName }, full.WordFeatures.Select(f => f.Name));
        Assert.Equal(new[] { SpeakerChangeFeature.FeatureName }, full.UtteranceFeatures.Select(f => f.Name));
        Assert.Equal(new[] { CharacterFeature.FeatureName }, full.All.Where(f => f.HasPayload).Select(f => f.Name));
        Assert.Equal(8 + 4, full.WordFeatureSize);
        Assert.Equal(3, full.UtteranceFeatureSize);
    }

    /// <summary>Switched-off features' sizes are still options (and checked), as before features were pluggable.</summary>
    [Fact]
    public void EverySizeOptionIsListedOnOrOff()
    {
        var sizes = new ModelOptions().Sizes().ToDictionary(s => s.Key, s => (s.Value, s.Minimum));
        Assert.Equal((200, 1), sizes["embeddingDim"]);
        Assert.Equal((128, 1), sizes["utteranceHidden"]);
        Assert.Equal((128, 1), sizes["conversationHidden"]);
        Assert.Equal((1, 1), sizes["speakerWindow"]);
        Assert.Equal((0, 0), sizes["characterFilters"]);
        Assert.Equal((16, 1), sizes["characterEmbeddingDim"]);
        Assert.Equal(6, sizes.Count);
        var error = Assert.Throws<ArgumentException>(() => ModelFixtures.Model(ModelFixtures.SmallOptions() with { SpeakerWindow = 0 }));
        Assert.Equal("speakerWindow must be at least 1 but got 0.", error.Message);
    }

    [Fact]
    public void EachFeatureBuildsItsInputWithTheDocumentedShapeAndZeroPadding()
    {
        using var scope = torch.NewDisposeScope();
        var conversations = Conversations(1);
        var layout = new BatchLayout(UtteranceCount: 6, MaxTokens: 9, MaxUtterances: 4);
        var characters = Characters.BuildInput(conversations, layout);                                     // [U, L, C]
        Assert.Equal(new long[] { 6, 9, CharacterIds.PerToken }, characters.shape);
        Assert.Equal(ScalarType.Int64, characters.dtype);
        Assert.True(characters[0, TensorIndex.Slice(3)].eq(0).all().item<bool>(), "tokens past an utterance's length are padding");
        Assert.Equal(ModelFixtures.Spelling(conversations[0].Tokens[2][8]).Select(b => (long)b), characters[2, 8].data<long>().ToArray());

        var speakers = new SpeakerChangeFeature(window: 2).BuildInput(conversations, layout);                // [B, T, S]
        Assert.Equal(new long[] { 2, 4, 2 }, speakers.shape);
        Assert.Equal(ScalarType.Float32, speakers.dtype);
        Assert.True(speakers[1, TensorIndex.Slice(2)].eq(0).all().item<bool>(), "utterances past a conversation's length are padding");
    }

    [Fact]
    public void AFeatureRefusesConversationsWithoutItsData()
    {
        using var scope = torch.NewDisposeScope();
        var bare = new EncodedConversation("bare", [[3, 4]], null);
        var characters = Assert.Throws<ArgumentException>(() => BatchBuilder.Build([bare], FeatureSet.From(ModelFixtures.SmallOptions(characterFilters: 4), ModelFixtures.Dimensions)));
        Assert.StartsWith("This model uses character features, but conversation 'bare' has no character ids.", characters.Message);
        var speakers = Assert.Throws<ArgumentException>(() => BatchBuilder.Build([bare], FeatureSet.From(ModelFixtures.SmallOptions(speaker: true), ModelFixtures.Dimensions)));
        Assert.StartsWith("This model uses the speaker feature, but conversation 'bare' has no speakers.", speakers.Message);
        using var batch = BatchBuilder.Build([bare], FeatureSet.From(ModelFixtures.SmallOptions(), ModelFixtures.Dimensions));
        Assert.Empty(batch.Inputs);                                                                           // a model without features builds none
    }

    [Fact]
    public void AModelRefusesABatchWithoutAFeaturesInput()
    {
        using var scope = torch.NewDisposeScope();
        var model = ModelFixtures.Model(ModelFixtures.SmallOptions(characterFilters: 4));
        var conversation = ModelFixtures.Conversation("c", new Random(1), 2, 3) with { Payloads = new Dictionary<string, Array>() };
        using var batch = BatchBuilder.Build([conversation]);
        var error = Assert.Throws<ArgumentException>(() => model.call(batch));
        Assert.StartsWith("This model uses the characters feature, but the batch has no 'characters' input.", error.Message);
    }

    /// <summary>
    /// Every word feature on its own, and the stack: an utterance's vector is the same alone and in a batch
    /// whose longer utterances pad it, and gradients reach every parameter of every feature.
    /// </summary>
    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void EachWordFeatureAloneAndStackedIgnoresPaddingAndLearns(bool words, bool characters)
    {
        using var scope = torch.NewDisposeScope();
        var features = new List<WordFeature>();
        if (words) features.Add(Words);
        if (characters) features.Add(Characters);
        var set = new FeatureSet(features, []);
        var encoder = Encoder(3, features.ToArray());
        var conversations = Conversations(2);
        using var batch = BatchBuilder.Build(conversations, set);
        var vectors = encoder.Encode(batch);                                                                 // [U, 4H]
        Assert.Equal(new long[] { 6, 24 }, vectors.shape);
        int row = 0;
        foreach (var conversation in conversations)
            for (int t = 0; t < conversation.Length; t++, row++)
            {
                using var alone = BatchBuilder.Build([conversation.Slice(t, 1)], set);
                var single = encoder.Encode(alone)[0];                                                     // [4H]
                Assert.True(single.allclose(vectors[row], rtol: 0, atol: 1e-6), $"utterance {row}: padding changed its vector");
            }

        encoder.train();
        encoder.Encode(batch).pow(2).sum().backward();
        var parameters = encoder.named_parameters().ToList();
        Assert.Equal(words, parameters.Any(p => p.name.StartsWith("_embedding.", StringComparison.Ordinal)));
        Assert.Equal(characters, parameters.Any(p => p.name.StartsWith("_characters.", StringComparison.Ordinal)));
        foreach (var (name, parameter) in parameters)
        {
            var norm = parameter.grad?.norm().item<float>() ?? 0;
            Assert.True(norm > 0 && float.IsFinite(norm), $"{name} has gradient norm {norm}");
        }
    }

    /// <summary>
    /// The stack is the concatenation of the features in order: with the LSTM input columns of one feature
    /// zeroed, the stacked encoder equals an encoder of the other feature alone holding the matching columns.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void TheStackIsTheConcatenationOfTheFeaturesInOrder(int kept)
    {
        using var scope = torch.NewDisposeScope();
        WordFeature[] both = [Words, Characters];
        var stacked = Encoder(5, both);
        var alone = Encoder(6, both[kept]);
        long start = kept == 0 ? 0 : Words.Size, width = both[kept].Size;
        var source = stacked.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using (torch.no_grad())
        {
            foreach (var (name, parameter) in alone.named_parameters())
            {
                var from = source[name];
                if (name.Contains(".weight_ih", StringComparison.Ordinal))
                {
                    parameter.copy_(from.narrow(1, start, width));                                          // [4H, width] of [4H, E+F]
                    var other = kept == 0 ? from.narrow(1, Words.Size, Characters.Size) : from.narrow(1, 0, Words.Size);
                    other.zero_();
                }
                else parameter.copy_(from);
            }
        }
        var conversations = Conversations(3);
        using var batch = BatchBuilder.Build(conversations, new FeatureSet(both, []));
        var expected = alone.Encode(batch);                                                                  // [U, 4H]
        var actual = stacked.Encode(batch);                                                                  // [U, 4H]
        Assert.True(actual.allclose(expected, rtol: 0, atol: 1e-6), $"max difference {(actual - expected).abs().max().item<float>()}");
    }

    [Fact]
    public void AFeaturesModuleIsFoundByItsName()
    {
        using var scope = torch.NewDisposeScope();
        var encoder = Encoder(7, Characters, Words);
        var weight = WordEmbeddingFeature.Weight(encoder.FeatureModule(WordEmbeddingFeature.FeatureName)!);
        Assert.Equal(new long[] { 30, 5 }, weight.shape);
        using (torch.no_grad()) weight.fill_(2);
        Assert.True(encoder.named_parameters().Single(p => p.name == "_embedding.weight").parameter.eq(2).all().item<bool>());
        Assert.Null(Encoder(7, Characters).FeatureModule(WordEmbeddingFeature.FeatureName));
    }
}
