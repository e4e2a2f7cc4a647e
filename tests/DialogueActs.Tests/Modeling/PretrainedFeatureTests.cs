using DialogueActs.Inference;
using DialogueActs.Modeling;
using DialogueActs.Tests.Text;
using DialogueActs.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Tests.Modeling;

/// <summary>The frozen pretrained vector table and the sentence-vector feature, inside the model.</summary>
public sealed class PretrainedFeatureTests
{
    private const int TableRows = 12;
    private const int TableDim = 5;
    private static readonly HashSentenceEncoder Sentences = new();

    private static ModelOptions Options(int embeddingDim = 8) => ModelFixtures.SmallOptions(speaker: true, maxPooling: true) with
    {
        EmbeddingDim = embeddingDim,
        FrozenVectors = true,
        FrozenVectorWords = TableRows,
        FrozenVectorDim = TableDim,
        SentenceEncoder = Sentences.Id,
        SentenceDim = Sentences.Dimension,
    };

    /// <summary>Random table rows; the reserved rows (padding, unknown, empty) are zero, as a vectors file leaves them.</summary>
    private static float[] TableMatrix(int seed)
    {
        var random = new Random(seed);
        var matrix = new float[TableRows * TableDim];
        for (int i = Vocabulary.ReservedCount * TableDim; i < matrix.Length; i++) matrix[i] = (float)(random.NextDouble() * 2 - 1) * (1 + i % 3);
        return matrix;
    }

    private static HierarchicalTagger Model(int seed, ModelOptions? options = null)
    {
        torch.manual_seed(seed);
        var model = new HierarchicalTagger(options ?? Options());
        model.UtteranceEncoder.FrozenVectors!.Load(TableMatrix(seed));
        model.eval();
        return model;
    }

    /// <summary>Conversations with pretrained ids (some unknown: 1) and sentence vectors from the texts "u{token ids}".</summary>
    private static EncodedConversation With(EncodedConversation c)
    {
        var texts = c.Tokens.Select(u => "u" + string.Join(' ', u)).ToArray();
        return c with
        {
            PretrainedTokens = c.Tokens.Select(u => u.Select(id => id % 5 == 0 ? Vocabulary.UnknownId : id % TableRows).ToArray()).ToArray(),
            Texts = texts,
            SentenceVectors = texts.Select(Sentences.Vector).ToArray(),
        };
    }

    private static EncodedConversation[] Conversations(int seed) =>
    [
        With(ModelFixtures.Conversation("a", new Random(seed), 3, 1, 9, 2)),
        With(ModelFixtures.Conversation("b", new Random(seed + 1), 2, 5)),
        With(ModelFixtures.Conversation("c", new Random(seed + 2), 4, 4, 1, 7, 3, 2)),
    ];

    [Fact]
    public void TheFrozenTableRoundsEachValueWithinHalfAStepOfItsRowAndHasNoParameters()
    {
        using var scope = torch.NewDisposeScope();
        var matrix = TableMatrix(3);
        using var table = new FrozenVectorTable(TableRows, TableDim);
        table.Load(matrix);
        var vectors = table.call(torch.arange(TableRows)).data<float>().ToArray();                        // [rows, D]
        for (int row = 0; row < TableRows; row++)
        {
            var original = matrix.AsSpan(row * TableDim, TableDim).ToArray();
            float step = original.Max(Math.Abs) / 127f;
            for (int k = 0; k < TableDim; k++)
                Assert.InRange(vectors[row * TableDim + k] - original[k], -step / 2 - 1e-6f, step / 2 + 1e-6f);
            if (row < Vocabulary.ReservedCount) Assert.All(vectors.Skip(row * TableDim).Take(TableDim), v => Assert.Equal(0f, v));
        }
        Assert.Empty(table.parameters());
        Assert.Equal(new[] { "values", "scales" }, table.named_buffers().Select(b => b.name));
        Assert.Equal(ScalarType.Int8, table.named_buffers().First().buffer.dtype);
    }

    [Fact]
    public void TheRegistryAddsBothFeaturesAndAModelMayHaveFrozenVectorsAlone()
    {
        var features = FeatureSet.From(Options());
        Assert.Equal(new[] { WordEmbeddingFeature.FeatureName, PretrainedVectorFeature.FeatureName }, features.WordFeatures.Select(f => f.Name));
        Assert.Equal(new[] { SpeakerChangeFeature.FeatureName, SentenceVectorFeature.FeatureName }, features.UtteranceFeatures.Select(f => f.Name));
        Assert.Equal(EncodedParts.PretrainedIds | EncodedParts.SentenceVectors, features.Needs);
        Assert.Equal(8 + TableDim, features.WordFeatureSize);

        var frozenOnly = FeatureSet.From(Options(embeddingDim: 0));
        Assert.Equal(new[] { PretrainedVectorFeature.FeatureName }, frozenOnly.WordFeatures.Select(f => f.Name));
        var error = Assert.Throws<ArgumentException>(() => new HierarchicalTagger(ModelFixtures.SmallOptions() with { EmbeddingDim = 0 }));
        Assert.Equal("embeddingDim must be at least 1 but got 0.", error.Message);
    }

    [Fact]
    public void ABatchIsTaggedAsEachConversationAlone()
    {
        using var model = Model(7);
        var conversations = Conversations(11);
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
    }

    [Fact]
    public void AnUtterancesSentenceVectorAndPretrainedIdsChangeItsScores()
    {
        using var model = Model(8);
        var conversation = Conversations(12)[0];
        var changedVector = conversation with { SentenceVectors = conversation.SentenceVectors!.Select((v, t) => t == 1 ? Sentences.Vector("other") : v).ToArray() };
        var changedIds = conversation with { PretrainedTokens = conversation.PretrainedTokens!.Select((u, t) => t == 1 ? u.Select(_ => 7).ToArray() : u).ToArray() };
        using var scope = torch.NewDisposeScope();
        float[] Scores(EncodedConversation c)
        {
            using var batch = BatchBuilder.Build(new[] { c }, model.Features);
            return model.call(batch)[0, 1].data<float>().ToArray();                                      // [K] of utterance 1
        }
        var original = Scores(conversation);
        Assert.True(original.Zip(Scores(changedVector)).Max(p => Math.Abs(p.First - p.Second)) > 1e-4f, "the sentence vector reaches the scores");
        Assert.True(original.Zip(Scores(changedIds)).Max(p => Math.Abs(p.First - p.Second)) > 1e-4f, "the frozen vectors reach the scores");
    }

    [Fact]
    public void TrainingMovesEveryParameterButNeverTheFrozenTable()
    {
        using var model = Model(9);
        model.train();
        var before = model.UtteranceEncoder.FrozenVectors!.named_buffers().Select(b => b.buffer.clone()).ToArray();
        var optimizer = torch.optim.Adam(model.parameters(), lr: 0.01);
        var conversations = Conversations(13);
        for (int step = 0; step < 3; step++)
        {
            using var scope = torch.NewDisposeScope();
            using var batch = BatchBuilder.Build(conversations, model.Features);
            optimizer.zero_grad();
            model.Loss(batch).backward();
            foreach (var (name, parameter) in model.named_parameters())
                Assert.True(parameter.grad is { } g && g.abs().sum().item<float>() > 0, $"{name} gets a gradient");
            optimizer.step();
        }
        var after = model.UtteranceEncoder.FrozenVectors!.named_buffers().Select(b => b.buffer).ToArray();
        for (int i = 0; i < before.Length; i++) Assert.True(before[i].eq(after[i]).all().item<bool>(), "the frozen table is unchanged");
    }

    [Fact]
    public void ASavedAndReloadedModelPredictsExactlyWhatItDid()
    {
        using var model = Model(10);
        var words = Vocabulary.FromWords(Enumerable.Range(0, 27).Select(i => $"w{i}"));
        var pretrained = Vocabulary.FromWords(Enumerable.Range(0, TableRows - Vocabulary.ReservedCount).Select(i => $"p{i}"));
        var encoder = new TextEncoder(new TokenizerOptions(), words, pretrained);
        var labels = new LabelSet(new[] { "a", "b", "c", "d" });
        string path = Path.Combine(Path.GetTempPath(), $"da-pretrained-{Guid.NewGuid():N}.zip");
        try
        {
            ModelArchive.Write(path, model, encoder, labels, new ModelMetadata());
            var archive = ModelArchive.Read(path);
            using var reloaded = archive.Model;
            Assert.Equal(pretrained.Tokens, archive.Encoder.PretrainedVocabulary!.Tokens);
            Assert.Equal(model.Options, reloaded.Options);
            var conversations = Conversations(14);
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
        var encoder = new TextEncoder(new TokenizerOptions(), Vocabulary.FromWords(Enumerable.Range(0, 27).Select(i => $"w{i}")),
            Vocabulary.FromWords(Enumerable.Range(0, TableRows - Vocabulary.ReservedCount).Select(i => $"w{i}")));
        var labels = new LabelSet(new[] { "a", "b", "c", "d" });
        var missing = Assert.Throws<DialogueActsException>(() => new DialogueActTagger(model, encoder, labels, new ModelMetadata(), null, ownsModel: false));
        Assert.StartsWith($"the model reads sentence vectors of the encoder '{Sentences.Id}': give that encoder in TaggerOptions.SentenceEncoder", missing.Message);
        var other = new HashSentenceEncoder("other-encoder/v2");
        var wrong = Assert.Throws<DialogueActsException>(() => new DialogueActTagger(model, encoder, labels, new ModelMetadata(), new TaggerOptions { SentenceEncoder = other }, ownsModel: false));
        Assert.Equal($"the model was trained with the sentence encoder '{Sentences.Id}' (6 values), but was given 'other-encoder/v2' (6 values)", wrong.Message);

        var counting = new HashSentenceEncoder();
        var tagger = new DialogueActTagger(model, encoder, labels, new ModelMetadata(), new TaggerOptions { SentenceEncoder = counting }, ownsModel: false);
        var conversations = new[]
        {
            new DialogueActs.Data.Conversation("x", new[] { new DialogueActs.Data.Utterance("A", "w3 w4 w20", null), new DialogueActs.Data.Utterance("B", "w3 w4 w20", null) }),
            new DialogueActs.Data.Conversation("y", new[] { new DialogueActs.Data.Utterance("A", "w5 zzz", null) }),
        };
        var tagged = tagger.TagMany(conversations);
        Assert.Equal(new[] { 2, 1 }, tagged.Select(t => t.Utterances.Count));
        Assert.Equal(1, counting.Calls);                                                                // one call for the whole request
        Assert.Equal(2, counting.Texts);                                                                // distinct texts only
        Assert.Equal(tagged[1].Utterances[0].Label, tagger.Tag(conversations[1]).Utterances[0].Label);
    }
}
