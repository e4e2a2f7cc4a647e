using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Modeling;
using DialogueActs.Modeling.Transformers;
using DialogueActs.Tests.Modeling;
using DialogueActs.Tests.Training;
using DialogueActs.Text;
using DialogueActs.Training;
using DialogueActs.Transformers;
using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Tests.Transformers;

/// <summary>all-MiniLM-L6-v2 in float32, loaded once for the class.</summary>
public sealed class MiniLmTransformerFixture : IDisposable
{
    public MiniLmTransformer Transformer { get; } = new(ScalarType.Float32);

    public void Dispose() => Transformer.Dispose();
}

/// <summary>
/// The transformer features (<c>model.transformer</c>): token states and the fine-tuned pooled vector equal what the
/// pretrained encoder computes on the same word pieces; batches equal one conversation at a time; gradients reach every
/// fine-tuned layer; a trained model saves, reloads, tags and streams with its encoder and refuses another.
/// </summary>
public sealed class TransformerFeatureTests(MiniLmTransformerFixture fixture) : IClassFixture<MiniLmTransformerFixture>
{
    private static readonly ModelDimensions Dimensions = new(40, 4);

    private static readonly TextEncoder Words = new(new TokenizerOptions { MaxTokens = 12 },
        Vocabulary.FromWords(["yeah", "i", "don't", "know", "what", "do", "you", "think", "?", "uh-huh", ".", "okay"]));

    private static readonly Conversation[] Conversations =
    [
        new("a", [new("A", "I don't know, what do you think?", null), new("B", "Uh-huh.", null), new("A", "yeah", null), new("B", "Uh-huh.", null)]),
        new("b", [new("A", "okay", null), new("B", "What's the weather like in Zürich these days, really?", null), new("A", "", null)]),
    ];

    private IPretrainedTransformer Transformer => fixture.Transformer;

    private static ModelOptions Options(TransformerOptions transformer) =>
        ModelFixtures.SmallOptions(speaker: true, maxPooling: false) with { Transformer = transformer, Dropout = 0.1 };

    private FeatureSet Bound(TransformerOptions transformer)
    {
        var features = FeatureSet.From(Options(transformer), Dimensions);
        using var resources = FeatureResources.Resolve(features, [Transformer], null);
        return features.Bind(resources);
    }

    private EncodedConversation[] Prepared(FeatureSet features, params Conversation[] conversations) =>
        features.Prepare(conversations, conversations.Select(c => CorpusEncoder.Encode(c, Words, null)).ToArray(),
            new FeatureContext(Words, FeatureResources.Resolve(features, [Transformer], null)));

    /// <summary>The encoder's hidden states of one text, computed directly on the pieces of its tokens joined with spaces.</summary>
    private static (long[] Ids, float[][] States) Reference(IPretrainedTransformer transformer, IReadOnlyList<string> tokens, int state)
    {
        var tokenizer = new MiniLmTokenizer();
        long[] ids = tokenizer.Encode(string.Join(" ", tokens));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = tensor(ids).unsqueeze(0);                                                                // [1, P]
        var states = transformer.Encoder.call(input, ones_like(input))[state][0];                            // [P, H]
        return (ids, Enumerable.Range(0, ids.Length).Select(p => states[p].data<float>().ToArray()).ToArray());
    }

    [Fact]
    public void TokenStatesAreTheMeanOfEachTokensPiecesInTheEncodersStates()
    {
        var features = Bound(new TransformerOptions { TokenStates = new LayerRange(4, 6) });
        var feature = features.WordFeatures.OfType<TokenStatesFeature>().Single();
        Assert.Equal(384, feature.Size);
        var prepared = Prepared(features, Conversations);
        foreach (var (conversation, encoded) in Conversations.Zip(prepared))
            for (int t = 0; t < conversation.Utterances.Count; t++)
            {
                var tokens = Words.Tokens(conversation.Utterances[t].Text);
                var vector = encoded.Payload<Half[]>(TokenStatesFeature.FeatureName)[t];
                Assert.Equal(Math.Max(1, tokens.Count) * 384, vector.Length);
                if (tokens.Count == 0)
                {
                    Assert.All(vector, v => Assert.Equal(0f, (float)v));
                    continue;
                }
                var layers = new[] { 4, 5, 6 }.Select(s => Reference(Transformer, tokens, s)).ToArray();
                var text = WordPieceText.Of(tokens, Transformer.WordPieces, Transformer.ClsId, Transformer.SepId, 64);
                Assert.Equal(layers[0].Ids, text.Ids);                                                      // the pieces of the joined text
                for (int i = 0; i < tokens.Count; i++)
                    for (int h = 0; h < 384; h += 7)
                    {
                        double expected = 0;
                        for (int p = 0; p < text.TokenCounts[i]; p++) expected += layers.Average(l => l.States[text.TokenStarts[i] + p][h]);
                        expected /= text.TokenCounts[i];
                        Assert.InRange((float)vector[i * 384 + h], expected - 5e-3 - 1e-3 * Math.Abs(expected), expected + 5e-3 + 1e-3 * Math.Abs(expected));
                    }
            }
    }

    [Fact]
    public void WordPiecesAreCutAtMaxPiecesAndLaterTokensHaveNone()
    {
        var tokens = Words.Tokens("I don't know, what do you think?");
        var text = WordPieceText.Of(tokens, Transformer.WordPieces, Transformer.ClsId, Transformer.SepId, 6);
        Assert.Equal(6, text.Ids.Length);
        Assert.Equal((Transformer.ClsId, Transformer.SepId), (text.Ids[0], text.Ids[^1]));
        Assert.Equal(4, text.TokenCounts.Sum());
        Assert.Equal(0, text.TokenCounts[^1]);
    }

    [Fact]
    public void PooledVectorBeforeTrainingEqualsTheWholeEncoderPooled_AndABatchEqualsOneConversationAtATime()
    {
        var features = Bound(new TransformerOptions { TrainLayers = 2 });
        var feature = features.UtteranceFeatures.OfType<TransformerUtteranceFeature>().Single();
        Assert.Equal(2 * (4L * 384 * 384 + 2L * 384 * 1536 + 9 * 384 + 1536), feature.ParameterCount);
        var prepared = Prepared(features, Conversations);
        using var module = feature.CreateModule();
        module.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var batch = BatchBuilder.Build(prepared, features);
        var pooled = feature.Apply(module, batch);                                                           // [B, T, H]
        for (int b = 0; b < Conversations.Length; b++)
        {
            using var alone = BatchBuilder.Build([prepared[b]], features);
            var single = feature.Apply(module, alone);                                                       // [1, T_b, H]
            for (int t = 0; t < Conversations[b].Utterances.Count; t++)
            {
                var tokens = Words.Tokens(Conversations[b].Utterances[t].Text);
                var (_, states) = Reference(Transformer, tokens, 6);
                var expected = Enumerable.Range(0, 384).Select(h => states.Average(s => s[h])).ToArray();
                var actual = pooled[b, t].data<float>().ToArray();
                for (int h = 0; h < 384; h++) Assert.InRange(actual[h], expected[h] - 2e-2, expected[h] + 2e-2); // frozen states kept in float16
                Assert.Equal(actual, single[0, t].data<float>().ToArray(), (x, y) => Math.Abs(x - y) <= 1e-5f);
            }
        }
    }

    [Fact]
    public void GradientsReachEveryFineTunedLayer()
    {
        var features = Bound(new TransformerOptions { TokenStates = new LayerRange(6, 6), TrainLayers = 1 });
        var labelled = Conversations.Select(c => c with { Utterances = c.Utterances.Select((u, i) => u with { Label = $"l{i % 3}" }).ToArray() }).ToArray();
        var labels = LabelSet.FromTrainingLabels(["l0", "l1", "l2", "l3"]);
        var prepared = features.Prepare(labelled, labelled.Select(c => CorpusEncoder.Encode(c, Words, labels)).ToArray(),
            new FeatureContext(Words, FeatureResources.Resolve(features, [Transformer], null)));
        manual_seed(3);
        using var model = new HierarchicalTagger(Options(new TransformerOptions { TokenStates = new LayerRange(6, 6), TrainLayers = 1 }), Dimensions, features);
        model.train();
        using var batch = BatchBuilder.Build(prepared, features);
        model.Loss(batch).backward();
        var transformerParameters = model.named_parameters().Where(p => p.name.StartsWith("_transformer.", StringComparison.Ordinal)).ToArray();
        Assert.Equal(16, transformerParameters.Length);                                                      // one BERT layer
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (name.StartsWith("_embedding", StringComparison.Ordinal)) continue;                           // rows of unused words get none
            Assert.True(parameter.grad is not null && parameter.grad.abs().sum().item<float>() > 0, $"no gradient reaches {name}");
        }
    }

    [Fact]
    public void FineTunedLayersTrainInTheirOwnGroupAtTheEncoderRateAfterAWarmUp()
    {
        using var corpus = new TinyCorpus(trainConversations: 2, seed: 3);
        var config = corpus.Config(training: ", \"encoderLearningRate\": 0.0001, \"encoderWarmupSteps\": 4");
        var features = Bound(new TransformerOptions { TrainLayers = 1 });
        using var model = new HierarchicalTagger(Options(new TransformerOptions { TrainLayers = 1 }), Dimensions, features);
        using var optimizer = TrainingModel.CreateOptimizer(model, config.Training);
        var data = new TrainingData([], null, null, Words, LabelSet.FromTrainingLabels(["a"]), features, FeatureResources.None) { Encoded = [] };
        var context = new TrainingContext(config, data, model, optimizer, new RecordingObserver());
        double[] Rates() => optimizer.ParamGroups.Select(g => g.LearningRate).ToArray();

        Assert.Equal(new[] { 0.01, 0.0 }, Rates());                                                          // the fine-tuned layers wait for the warm-up
        context.WarmUp(1);
        Assert.Equal(new[] { 0.01, 0.0001 / 4 }, Rates());
        context.WarmUp(4);
        Assert.Equal(new[] { 0.01, 0.0001 }, Rates());
        context.WarmUp(40);
        Assert.Equal(new[] { 0.01, 0.0001 }, Rates());
        context.SetLearningRate(0.005);                                                                      // the plateau decay scales both
        Assert.Equal(new[] { 0.005, 0.00005 }, Rates(), (x, y) => Math.Abs(x - y) < 1e-12);
        var groups = optimizer.ParamGroups.Cast<TorchSharp.Modules.ParamGroup>().ToArray();
        Assert.Equal(model.named_parameters().Count(p => p.name.StartsWith("_transformer.", StringComparison.Ordinal)), groups[1].Parameters.Count());
        Assert.Equal(model.parameters().Count(), groups[0].Parameters.Count() + groups[1].Parameters.Count());
    }

    [Fact]
    public void AnEncoderWithFewerLayersThanTheConfigTrainsIsRefused()
    {
        var features = FeatureSet.From(Options(new TransformerOptions { TrainLayers = 7 }), Dimensions);
        using var resources = FeatureResources.Resolve(features, [Transformer], null);
        var error = Assert.Throws<DialogueActsException>(() => features.Bind(resources));
        Assert.Equal($"model.transformer.trainLayers: the encoder '{Transformer.Id}' has 6 layers, not 7", error.Message);
        var states = FeatureSet.From(Options(new TransformerOptions { TokenStates = new LayerRange(2, 9) }), Dimensions);
        using var more = FeatureResources.Resolve(states, [Transformer], null);
        Assert.StartsWith("model.transformer.tokenStates: the encoder", Assert.Throws<DialogueActsException>(() => states.Bind(more)).Message);
    }

    [Fact]
    public void ATrainedModelSavesReloadsTagsAndStreamsWithItsEncoder()
    {
        using var corpus = new TinyCorpus(trainConversations: 6, seed: 9);
        var config = corpus.Config(epochs: 2, model: """
            , "conversationDirection": "forward", "transformer": { "tokenStates": { "from": 5, "to": 6 }, "trainLayers": 1, "maxPieces": 16 }
            """, training: ", \"encoderWarmupSteps\": 3");
        var result = new Trainer(config, Path.Combine(corpus.Directory, "run"), new RecordingObserver()) { Resources = [Transformer] }.Run(resume: false);

        var missing = Assert.Throws<MissingResourceException>(() => DialogueActTagger.Load(result.ModelPath));
        Assert.StartsWith($"the model's tokenStates feature needs the transformer '{Transformer.Id}', and none was given", missing.Message);

        var options = new TaggerOptions { Resources = [Transformer], Precision = InferencePrecision.Float32 };
        using var tagger = DialogueActTagger.Load(result.ModelPath, options);
        var conversations = CorpusReader.Read(corpus.ValidPath, config.Data.Columns, requireLabels: true);
        var offline = tagger.TagMany(conversations);
        using (var again = DialogueActTagger.Load(result.ModelPath, options with { Resources = [], ResourceProviders = [new MiniLmTransformerProvider(ScalarType.Float32)] }))
            Assert.Equal(offline.SelectMany(c => c.Utterances.Select(u => (u.Label, u.Confidence))), again.TagMany(conversations).SelectMany(c => c.Utterances.Select(u => (u.Label, u.Confidence))));

        var conversation = conversations[0];
        using var session = tagger.StartSession(lag: conversation.Utterances.Count);
        var labels = new string[conversation.Utterances.Count];
        foreach (var u in conversation.Utterances)
        {
            var tag = session.Add(u.Speaker, u.Text);
            labels[tag.Index] = tag.Label;
            foreach (var r in tag.Revised) labels[r.Index] = r.Label;
        }
        foreach (var r in session.End()) labels[r.Index] = r.Label;
        Assert.Equal(offline[0].Utterances.Select(u => u.Label), labels);
    }
}
