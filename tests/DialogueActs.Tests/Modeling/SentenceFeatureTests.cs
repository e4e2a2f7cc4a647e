using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Modeling;
using DialogueActs.Tests.Text;
using DialogueActs.Text;
using TorchSharp;

namespace DialogueActs.Tests.Modeling;

/// <summary>The sentence-vector feature: its resource (the encoder), its data, and the model, archive and tagger around it.</summary>
public sealed class SentenceFeatureTests
{
    private static readonly HashSentenceEncoder Sentences = new();
    private static readonly ModelDimensions Dimensions = new(30, 4);

    private static ModelOptions Options() => ModelFixtures.SmallOptions(speaker: true, maxPooling: true) with { SentenceEncoder = "hash-encoder" };

    private static FeatureSet Bound(ISentenceEncoder encoder)
    {
        var features = FeatureSet.From(Options(), Dimensions);
        using var resources = FeatureResources.Resolve(features, [encoder], null);
        return features.Bind(resources);
    }

    private static HierarchicalTagger Model(int seed)
    {
        torch.manual_seed(seed);
        var model = new HierarchicalTagger(Options(), Dimensions, Bound(Sentences));
        model.eval();
        return model;
    }

    private static readonly TextEncoder Words = new(new TokenizerOptions(), Vocabulary.FromWords(Enumerable.Range(0, 27).Select(i => $"w{i}")));

    private static Conversation Conversation(string id, Random random, int length) => new(id,
        Enumerable.Range(0, length).Select(_ => new Utterance(((char)('A' + random.Next(2))).ToString(),
            string.Join(" ", Enumerable.Range(0, 1 + random.Next(5)).Select(_ => $"w{random.Next(30)}")), null)).ToArray());

    private static EncodedConversation[] Prepared(FeatureSet features, params Conversation[] conversations) =>
        features.Prepare(conversations, conversations.Select(c => CorpusEncoder.Encode(c, Words, null)).ToArray(),
            new FeatureContext(Words, FeatureResources.Resolve(features, [Sentences], null)));

    [Fact]
    public void BindingLearnsTheEncodersIdAndSizeWhichTheArchiveKeeps()
    {
        var unbound = FeatureSet.From(Options(), Dimensions).UtteranceFeatures.OfType<SentenceVectorFeature>().Single();
        Assert.False(unbound.IsBound);
        Assert.Equal(new[] { new ResourceRequest(SentenceVectorFeature.FeatureName, SentenceVectorFeature.ResourceKind, "hash-encoder", unbound.Resources[0].Hint, "sentenceEncoder") }, unbound.Resources);
        var error = Assert.Throws<ArgumentException>(() => new HierarchicalTagger(Options(), Dimensions));
        Assert.StartsWith("The sentences feature does not know its sizes yet", error.Message);

        var bound = Bound(Sentences).UtteranceFeatures.OfType<SentenceVectorFeature>().Single();
        Assert.Equal((Sentences.Id, Sentences.Dimension), (bound.EncoderId, bound.Size));
        var entries = bound.ArchiveEntries().ToDictionary(e => e.Name, e => e.Content);
        var restored = (SentenceVectorFeature)unbound.FromArchive(new FeatureEntryReader("m.zip", "features/sentences/", name => entries.GetValueOrDefault(name["features/sentences/".Length..])));
        Assert.Equal((bound.EncoderId, bound.Size), (restored.EncoderId, restored.Size));
        var missing = Assert.Throws<DialogueActsException>(() => unbound.FromArchive(new FeatureEntryReader("m.zip", "features/sentences/", _ => null)));
        Assert.Equal("m.zip: not a valid model file (no 'features/sentences/encoder.json' inside)", missing.Message);

        var other = Assert.Throws<DialogueActsException>(() => FeatureResources.Resolve(FeatureSet.From(Options(), Dimensions), [new HashSentenceEncoder("other/v1")], null));
        Assert.Equal("the model's sentences feature needs the sentence-encoder 'hash-encoder': the encoder given is 'other/v1'", other.Message);
    }

    [Fact]
    public void PreparingEncodesEachDistinctTextOnceForManyConversations()
    {
        var features = Bound(Sentences);
        var counting = new HashSentenceEncoder();
        var conversations = new[]
        {
            new Conversation("a", [new("A", "w1 w2", null), new("B", "yeah", null), new("A", "w1 w2", null)]),
            new Conversation("b", [new("A", "yeah", null), new("B", "", null)]),
        };
        var prepared = features.Prepare(conversations, conversations.Select(c => CorpusEncoder.Encode(c, Words, null)).ToArray(),
            new FeatureContext(Words, FeatureResources.Resolve(features, [counting], null)));
        Assert.Equal(1, counting.Calls);
        Assert.Equal(3, counting.Texts);                                                                   // "w1 w2", "yeah", ""
        var vectors = prepared[1].Payload<float[]>(SentenceVectorFeature.FeatureName);
        Assert.Equal(counting.Vector("yeah"), vectors[0]);
        Assert.Equal(counting.Vector(""), vectors[1]);
        Assert.Equal(2, prepared[0].Slice(1, 2).Payload<float[]>(SentenceVectorFeature.FeatureName).Length);
    }

    [Fact]
    public void ABatchIsTaggedAsEachConversationAloneAndTheVectorReachesTheScores()
    {
        using var model = Model(7);
        var random = new Random(11);
        var conversations = Prepared(model.Features, Conversation("a", random, 4), Conversation("b", random, 2), Conversation("c", random, 6));
        using var scope = torch.NewDisposeScope();
        using var batch = BatchBuilder.Build(conversations, model.Features);
        var together = model.Tag(batch, withMarginals: true);
        for (int i = 0; i < conversations.Length; i++)
        {
            using var single = BatchBuilder.Build(new[] { conversations[i] }, model.Features);
            var alone = model.Tag(single, withMarginals: true);
            Assert.Equal(alone.Paths[0], together.Paths[i]);
            for (int t = 0; t < conversations[i].Length; t++)
                for (int k = 0; k < 4; k++) Assert.Equal(alone.Marginals![0][t][k], together.Marginals![i][t][k], 1e-5f);
        }
        var original = conversations[0];
        var vectors = original.Payload<float[]>(SentenceVectorFeature.FeatureName).Select((v, t) => t == 1 ? Sentences.Vector("other") : v).ToArray();
        var changed = original.WithPayload(SentenceVectorFeature.FeatureName, vectors);
        float[] Scores(EncodedConversation c)
        {
            using var b = BatchBuilder.Build(new[] { c }, model.Features);
            return model.call(b)[0, 1].data<float>().ToArray();                                          // [K] of utterance 1
        }
        Assert.True(Scores(original).Zip(Scores(changed)).Max(p => Math.Abs(p.First - p.Second)) > 1e-4f, "the sentence vector reaches the scores");
    }

    [Fact]
    public void ASavedAndReloadedModelPredictsExactlyWhatItDid()
    {
        using var model = Model(10);
        var labels = new LabelSet(new[] { "a", "b", "c", "d" });
        string path = Path.Combine(Path.GetTempPath(), $"da-sentences-{Guid.NewGuid():N}.zip");
        try
        {
            ModelArchive.Write(path, model, Words, labels, new ModelMetadata());
            var archive = ModelArchive.Read(path);
            using var reloaded = archive.Model;
            Assert.Equal(model.Options, reloaded.Options);
            Assert.Equal(Sentences.Id, reloaded.Features.UtteranceFeatures.OfType<SentenceVectorFeature>().Single().EncoderId);
            var conversations = Prepared(model.Features, Conversation("x", new Random(3), 5), Conversation("y", new Random(4), 3));
            using var scope = torch.NewDisposeScope();
            using var batch = BatchBuilder.Build(conversations, model.Features);
            Assert.True(model.call(batch).eq(reloaded.call(batch)).all().item<bool>(), "identical emissions after reloading");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TheTaggerNeedsTheEncoderTheModelWasTrainedWith()
    {
        using var model = Model(11);
        var labels = new LabelSet(new[] { "a", "b", "c", "d" });
        var missing = Assert.Throws<MissingResourceException>(() => new DialogueActTagger(model, Words, labels, new ModelMetadata(), null, ownsModel: false));
        Assert.StartsWith($"the model's sentences feature needs the sentence-encoder '{Sentences.Id}', and none was given (model.sentenceEncoder names it", missing.Message);
        var other = new HashSentenceEncoder("other-encoder/v2");
        var wrong = Assert.Throws<DialogueActsException>(() => new DialogueActTagger(model, Words, labels, new ModelMetadata(), new TaggerOptions { Resources = [other] }, ownsModel: false));
        Assert.Equal($"the model's sentences feature needs the sentence-encoder '{Sentences.Id}': the model was trained with '{Sentences.Id}' (6 values), but was given 'other-encoder/v2' (6 values)", wrong.Message);

        var counting = new HashSentenceEncoder();
        using var tagger = new DialogueActTagger(model, Words, labels, new ModelMetadata(), new TaggerOptions { Resources = [counting] }, ownsModel: false);
        var conversations = new[]
        {
            new Conversation("x", new[] { new Utterance("A", "w3 w4 w20", null), new Utterance("B", "w3 w4 w20", null) }),
            new Conversation("y", new[] { new Utterance("A", "w5 zzz", null) }),
        };
        var tagged = tagger.TagMany(conversations);
        Assert.Equal(new[] { 2, 1 }, tagged.Select(t => t.Utterances.Count));
        Assert.Equal(1, counting.Calls);                                                                // one call for the whole request
        Assert.Equal(2, counting.Texts);                                                                // distinct texts only
        Assert.Equal(tagged[1].Utterances[0].Label, tagger.Tag(conversations[1]).Utterances[0].Label);
    }
}
