using DialogueActs.Inference;
using DialogueActs.Modeling;
using DialogueActs.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Tests.Modeling;

/// <summary>The tagging shortcuts give what the plain computation gives: distinct utterances, conversation length groups, top labels.</summary>
public sealed class InferenceShortcutTests
{
    private static HierarchicalTagger EvalModel(int seed, ModelOptions options)
    {
        torch.manual_seed(seed);
        var model = ModelFixtures.Model(options);
        model.eval();
        return model;
    }

    [Fact]
    public void DistinctRowsMergeOnlyRowsEqualInEveryInputAndLength()
    {
        using var scope = torch.NewDisposeScope();
        var tokens = torch.tensor(new long[] { 5, 6, 0, 5, 6, 0, 5, 6, 0, 5, 0, 0, 7, 0, 0 }, new long[] { 5, 3 });                   // rows 0,1,2 equal tokens
        var characters = torch.tensor(new long[] { 1, 2, 0, 1, 2, 0, 1, 3, 0, 1, 0, 0, 4, 0, 0 }, new long[] { 5, 3 });               // row 2 differs (an unknown word spelt otherwise)
        var (firsts, expand) = DistinctRows.Find([tokens, characters], [2, 2, 2, 1, 1]);
        Assert.Equal(new long[] { 0, 2, 3, 4 }, firsts);
        Assert.Equal(new long[] { 0, 0, 1, 2, 3 }, expand);
        var (lengthFirsts, _) = DistinctRows.Find([torch.zeros(2, 3, dtype: ScalarType.Int64)], [1, 2]);
        Assert.Equal(new long[] { 0, 1 }, lengthFirsts);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 4)]
    public void EncodingDistinctUtterancesOnceGivesEveryRowsVector(bool maxPooling, int characterFilters)
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(21);
        var model = EvalModel(3, ModelFixtures.SmallOptions(speaker: true, maxPooling: maxPooling, characterFilters: characterFilters));
        var a = ModelFixtures.Conversation("a", random, 3, 1, 4, 3, 7, 1);
        var repeated = a with { Id = "b" };                                                            // every utterance again
        using var batch = BatchBuilder.Build(new[] { a, repeated, ModelFixtures.Conversation("c", random, 2, 5, 1) });
        var encoder = model.UtteranceEncoder;
        using var inference = torch.inference_mode();
        encoder.Deduplicate = false;
        var everyRow = encoder.Encode(batch);                                                          // [U, D]
        encoder.Deduplicate = true;
        var distinct = encoder.Encode(batch);                                                          // [U, D]
        Assert.True(everyRow.allclose(distinct, rtol: 0, atol: 1e-6), $"max difference {(everyRow - distinct).abs().max().item<float>()}");
        Assert.True(distinct[TensorIndex.Slice(0, 6)].eq(distinct[TensorIndex.Slice(6, 12)]).all().item<bool>(), "a repeated utterance must get the very same vector");
    }

    [Fact]
    public void TrainingEncodesEveryRowWithGradients()
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(22);
        var model = EvalModel(4, ModelFixtures.SmallOptions());
        var a = ModelFixtures.Conversation("a", random, 3, 1, 4);
        using var batch = BatchBuilder.Build(new[] { a, a with { Id = "b" } });
        model.train();
        var vectors = model.UtteranceEncoder.Encode(batch);                                            // [U, D]
        Assert.True(vectors.requires_grad);
        vectors.sum().backward();
        Assert.All(model.UtteranceEncoder.parameters(), p => Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0));
    }

    /// <summary>
    /// Conversations of very different lengths run in separate length groups; each one's emissions and tags equal those
    /// of the conversation alone, for both conversation directions.
    /// </summary>
    [Theory]
    [InlineData(ConversationDirection.Bidirectional)]
    [InlineData(ConversationDirection.Forward)]
    public void ConversationLengthGroupsGiveEachConversationsOwnEmissions(ConversationDirection direction)
    {
        using var scope = torch.NewDisposeScope();
        var random = new Random(23);
        var model = EvalModel(6, ModelFixtures.SmallOptions(speaker: true) with { ConversationDirection = direction });
        int[] lengths = [2, 3, 40, 41, 90];
        Assert.True(LengthBuckets.Split(lengths.Select(l => (long)l).ToArray(), 8).Count > 1, "the lengths must split into groups");
        var conversations = lengths.Select((n, i) => ModelFixtures.Conversation($"c{i}", random, Enumerable.Range(0, n).Select(_ => 1 + random.Next(6)).ToArray())).ToArray();
        using var batch = BatchBuilder.Build(conversations.Reverse().ToArray());
        var emissions = model.call(batch);                                                             // [B, T, K]
        var tagged = model.Tag(batch, withMarginals: true);
        for (int i = 0; i < conversations.Length; i++)
        {
            int row = conversations.Length - 1 - i;
            using var single = BatchBuilder.Build(new[] { conversations[i] });
            var alone = model.call(single)[0];                                                         // [n, K]
            var inBatch = emissions[row, TensorIndex.Slice(0, lengths[i])];                            // [n, K]
            Assert.True(alone.allclose(inBatch, rtol: 0, atol: 1e-5), $"conversation {i}: max difference {(alone - inBatch).abs().max().item<float>()}");
            Assert.Equal(model.Tag(single, withMarginals: false).Paths[0], tagged.Paths[row]);
        }
    }

    [Fact]
    public void TopLabelsOrderByProbabilityThenIndex()
    {
        var random = new Random(24);
        for (int trial = 0; trial < 500; trial++)
        {
            int labels = 1 + random.Next(12);
            var probabilities = Enumerable.Range(0, labels).Select(_ => random.Next(4) / 4f).ToArray();   // many ties
            int k = 1 + random.Next(5);
            var expected = Enumerable.Range(0, labels).OrderByDescending(i => probabilities[i]).ThenBy(i => i).Take(k).ToArray();
            Assert.Equal(expected, TopLabels.Indices<float>(probabilities, k));
        }
    }
}
