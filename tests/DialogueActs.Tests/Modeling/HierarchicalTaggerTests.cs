using DialogueActs.Modeling;
using DialogueActs.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Tests.Modeling;

public sealed class HierarchicalTaggerTests
{
    private static HierarchicalTagger EvalModel(int seed, ModelOptions? options = null)
    {
        torch.manual_seed(seed);
        var model = ModelFixtures.Model(options ?? ModelFixtures.SmallOptions(speaker: true));
        model.eval();
        return model;
    }

    /// <summary>
    /// A forward (causal) model's emissions at an utterance do not change when later utterances do, and padding changes
    /// nothing; the bidirectional model's do change, so the comparison can fail.
    /// </summary>
    [Theory]
    [InlineData(ConversationDirection.Forward)]
    [InlineData(ConversationDirection.Bidirectional)]
    public void OnlyAForwardModelsEmissionsIgnoreLaterUtterances(ConversationDirection direction)
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(11);
        var model = EvalModel(12, ModelFixtures.SmallOptions(speaker: true, speakerWindow: 2, maxPooling: true) with { ConversationDirection = direction, UtteranceHidden = 18, ConversationHidden = 20 });
        var original = ModelFixtures.Conversation("a", random, 3, 1, 4, 2, 5, 2);
        var other = ModelFixtures.Conversation("b", random, 2, 2, 2, 6, 1, 3);
        var changedLater = EncodedConversation.Concat(original.Id, [original.Slice(0, 3), other.Slice(3, 3)],
            original.Speakers![..3].Concat(other.Speakers![3..]).ToArray());
        var shorter = ModelFixtures.Conversation("c", random, 1, 2);
        using var first = BatchBuilder.Build(new[] { original, shorter }, 2);
        using var second = BatchBuilder.Build(new[] { changedLater, shorter }, 2);
        var a = model.call(first)[0, TensorIndex.Slice(0, 3)];                                          // [3, K]
        var b = model.call(second)[0, TensorIndex.Slice(0, 3)];                                         // [3, K]
        float difference = (a - b).abs().max().item<float>();
        if (direction == ConversationDirection.Forward) Assert.True(difference < 1e-6, $"emissions before the change differ by {difference}");
        else Assert.True(difference > 1e-3, $"a bidirectional model's emissions should read later utterances, differ by {difference}");
        Assert.Equal(direction == ConversationDirection.Forward, model.Options.IsCausal());
    }

    [Fact]
    public void EmissionsHaveTheDocumentedShape()
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(1);
        var model = EvalModel(1);
        using var batch = BatchBuilder.Build(new[]
        {
            ModelFixtures.Conversation("a", random, 3, 1, 4),
            ModelFixtures.Conversation("b", random, 2),
        });
        var emissions = model.call(batch);
        Assert.Equal(new long[] { 2, 3, 4 }, emissions.shape);
    }

    /// <summary>
    /// The same conversation alone, and inside a batch where a longer utterance pads its tokens and a
    /// longer conversation pads its utterances, gives the same emissions, loss, decode and marginals.
    /// </summary>
    [Theory]
    [InlineData(true, true, false, 1, 0)]
    [InlineData(false, true, false, 1, 0)]
    [InlineData(true, false, false, 1, 0)]
    [InlineData(true, true, true, 3, 0)]
    [InlineData(true, true, true, 2, 4)]
    public void PaddingAtBothLevelsChangesNothing(bool crf, bool conversationLstm, bool maxPooling, int speakerWindow, int characterFilters)
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(7);
        var model = EvalModel(3, ModelFixtures.SmallOptions(crf, conversationLstm, speaker: true, speakerWindow, maxPooling, characterFilters));
        var target = ModelFixtures.Conversation("target", random, 2, 3, 1);
        var longer = ModelFixtures.Conversation("longer", random, 9, 1, 2, 5, 4, 3);  // pads target's tokens (9) and utterances (6)
        var shorter = ModelFixtures.Conversation("shorter", random, 1);

        using var alone = BatchBuilder.Build(new[] { target }, speakerWindow);
        using var mixed = BatchBuilder.Build(new[] { longer, target, shorter }, speakerWindow);
        Assert.Equal(9, mixed.MaxTokens);
        Assert.Equal(6, mixed.MaxUtterances);

        var aloneEmissions = model.call(alone)[0];                                                   // [3, K]
        var mixedEmissions = model.call(mixed)[1, TensorIndex.Slice(0, 3)];                          // [3, K]
        Assert.True(aloneEmissions.allclose(mixedEmissions, rtol: 0, atol: 1e-5),
            $"emissions differ by {(aloneEmissions - mixedEmissions).abs().max().item<float>()}");

        var aloneNll = model.OutputLayer.NegativeLogLikelihood(model.call(alone), alone.Labels!, alone.Mask).item<float>();
        var mixedNll = model.OutputLayer.NegativeLogLikelihood(model.call(mixed), mixed.Labels!, mixed.Mask)[1].item<float>();
        Assert.Equal(aloneNll, mixedNll, 1e-4);

        var aloneTagged = model.Tag(alone, withMarginals: true);
        var mixedTagged = model.Tag(mixed, withMarginals: true);
        Assert.Equal(aloneTagged.Paths[0], mixedTagged.Paths[1]);
        for (int t = 0; t < 3; t++)
            for (int k = 0; k < 4; k++)
                Assert.Equal(aloneTagged.Marginals![0][t][k], mixedTagged.Marginals![1][t][k], 1e-5);
    }

    [Theory]
    [InlineData(false, 1, 0)]
    [InlineData(true, 4, 0)]
    [InlineData(true, 4, 5)]
    public void BatchedTaggingEqualsOneConversationAtATime(bool maxPooling, int speakerWindow, int characterFilters)
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(11);
        var model = EvalModel(5, ModelFixtures.SmallOptions(speaker: true, speakerWindow: speakerWindow, maxPooling: maxPooling, characterFilters: characterFilters));
        var conversations = Enumerable.Range(0, 6)
            .Select(i => ModelFixtures.Conversation($"c{i}", random, Enumerable.Range(0, 1 + random.Next(7)).Select(_ => 1 + random.Next(8)).ToArray()))
            .ToArray();
        using var batch = BatchBuilder.Build(conversations, speakerWindow);
        var batched = model.Tag(batch, withMarginals: true);
        for (int i = 0; i < conversations.Length; i++)
        {
            using var single = BatchBuilder.Build(new[] { conversations[i] }, speakerWindow);
            var alone = model.Tag(single, withMarginals: true);
            Assert.Equal(alone.Paths[0], batched.Paths[i]);
            Assert.Equal(alone.PathScores[0], batched.PathScores[i], 1e-4);
            for (int t = 0; t < conversations[i].Length; t++)
                for (int k = 0; k < 4; k++)
                    Assert.Equal(alone.Marginals![0][t][k], batched.Marginals![i][t][k], 1e-5);
        }
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 0)]
    [InlineData(true, 4)]
    public void ABatchEncodesEveryUtteranceAsItEncodesItAloneWithTheSameGradients(bool maxPooling, int characterFilters)
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(4);
        var model = EvalModel(8, ModelFixtures.SmallOptions(speaker: true, maxPooling: maxPooling, characterFilters: characterFilters));
        var conversations = new[]
        {
            ModelFixtures.Conversation("a", random, 3, 1, 4, 3, 7, 1),
            ModelFixtures.Conversation("b", random, 2, 5, 4),
        };
        var encoder = model.UtteranceEncoder;
        using var batch = BatchBuilder.Build(conversations);
        var together = encoder.Encode(batch);                                                          // [U, out]
        together.sum().backward();
        var batchGradients = encoder.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.clone());
        foreach (var parameter in encoder.parameters()) parameter.grad!.zero_();
        int row = 0;
        foreach (var conversation in conversations)
            for (int t = 0; t < conversation.Length; t++, row++)
            {
                using var single = BatchBuilder.Build(new[] { conversation.Slice(t, 1) });
                var alone = encoder.Encode(single);                                                    // [1, out]
                alone.sum().backward();                                                                // gradients add up over the utterances
                Assert.True(alone[0].allclose(together[row], rtol: 0, atol: 1e-6), $"utterance {row}: max difference {(alone[0] - together[row]).abs().max().item<float>()}");
            }
        Assert.Equal(characterFilters > 0, batchGradients.Keys.Any(name => name.StartsWith("_characters.", StringComparison.Ordinal)));
        foreach (var (name, parameter) in encoder.named_parameters())
            Assert.True(batchGradients[name].allclose(parameter.grad!, rtol: 1e-4, atol: 1e-5), $"{name}: gradients differ");
    }

    [Theory]
    [InlineData(true, true, true, false, 0)]
    [InlineData(false, true, false, false, 0)]
    [InlineData(true, false, false, false, 0)]
    [InlineData(true, true, true, true, 0)]
    [InlineData(true, true, true, true, 3)]
    [InlineData(true, true, true, true, 0, true)]
    public void GradientsReachEveryParameter(bool crf, bool conversationLstm, bool speaker, bool maxPooling, int characterFilters, bool forward = false)
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(2);
        torch.manual_seed(2);
        var options = ModelFixtures.SmallOptions(crf, conversationLstm, speaker, speakerWindow: speaker ? 2 : 1, maxPooling, characterFilters)
            with { ConversationDirection = forward ? ConversationDirection.Forward : ConversationDirection.Bidirectional };
        var model = ModelFixtures.Model(options);
        model.train();
        using var batch = BatchBuilder.Build(new[]
        {
            ModelFixtures.Conversation("a", random, 3, 1, 4, 2),
            ModelFixtures.Conversation("b", random, 2, 5),
        }, options.SpeakerWindow);
        model.Loss(batch).backward();
        var parameters = model.named_parameters().ToList();
        Assert.NotEmpty(parameters);
        foreach (var (name, parameter) in parameters)
        {
            Assert.True(parameter.grad is not null, $"{name} has no gradient");
            var norm = parameter.grad!.norm().item<float>();
            Assert.True(norm > 0 && float.IsFinite(norm), $"{name} has gradient norm {norm}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void SavedAndReloadedWeightsGiveIdenticalEmissionsAndDecodes(int characterFilters)
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(3);
        var options = ModelFixtures.SmallOptions(speaker: true, characterFilters: characterFilters);
        var original = EvalModel(21, options);
        using var batch = BatchBuilder.Build(new[]
        {
            ModelFixtures.Conversation("a", random, 3, 1, 4, 2, 6),
            ModelFixtures.Conversation("b", random, 2, 5),
        });
        var expectedEmissions = original.call(batch);
        var expectedTags = original.Tag(batch, withMarginals: true);

        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) original.save(writer);
        stream.Position = 0;
        var reloaded = EvalModel(99, options);
        Assert.False(reloaded.call(batch).eq(expectedEmissions).all().item<bool>(), "a fresh model should differ before loading");
        using (var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true)) reloaded.load(reader);
        reloaded.eval();

        Assert.True(reloaded.call(batch).eq(expectedEmissions).all().item<bool>());
        var tags = reloaded.Tag(batch, withMarginals: true);
        Assert.Equal(expectedTags.Paths, tags.Paths);
        Assert.Equal(expectedTags.PathScores, tags.PathScores);
    }
}
