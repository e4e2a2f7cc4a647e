using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Modeling;
using DialogueActs.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Tests.Inference;

/// <summary>
/// Streaming sessions of a causal model against the same model run offline over whole conversations: the
/// filtering probabilities at lag 0, the Viterbi path with a full lag, independence, threads and freeing.
/// </summary>
public sealed class DialogueActSessionTests
{
    private static readonly string[] LabelNames = ["a", "b", "c", "d", "e"];

    /// <summary>A tagger owning a random model of <see cref="Parts"/>.</summary>
    private static DialogueActTagger Tagger(int seed, bool crf = true, ConversationDirection direction = ConversationDirection.Forward, TaggerOptions? options = null)
    {
        var (model, encoder) = Parts(seed, crf, direction);
        return new DialogueActTagger(model, encoder, new LabelSet(LabelNames), new ModelMetadata(), options, ownsModel: true);
    }

    private static Conversation Conversation(string id, Random random, int length) => new(id,
        Enumerable.Range(0, length).Select(_ => new Utterance(
            ((char)('A' + random.Next(3))).ToString(),
            string.Join(" ", Enumerable.Range(0, 1 + random.Next(7)).Select(_ => $"w{random.Next(30)}")),
            null)).ToArray());

    /// <summary>The filtering probabilities of each utterance computed offline over the whole conversation: <c>[utterances][labels]</c>.</summary>
    private static float[][] OfflineFiltering(HierarchicalTagger model, TextEncoder encoder, Conversation conversation)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var encoded = model.Features.Prepare([conversation], [CorpusEncoder.Encode(conversation, encoder, labels: null)], new FeatureContext(encoder, FeatureResources.None))[0];
        using var batch = BatchBuilder.Build([encoded], model.Features);
        var filtering = model.OutputLayer.FilteringMarginals(model.call(batch), batch.Mask).data<float>().ToArray();   // [1*T*K]
        int k = LabelNames.Length;
        return Enumerable.Range(0, encoded.Length).Select(t => filtering.AsSpan(t * k, k).ToArray()).ToArray();
    }

    /// <summary>
    /// A random causal model reading speakers (window 2), characters and max-pools, with CRF scores scaled up so paths
    /// differ clearly. Hidden sizes avoid libtorch's AVX-512 LSTM defect (remainders 1 to 16 modulo 32, docs/reliability.md).
    /// </summary>
    private static (HierarchicalTagger Model, TextEncoder Encoder) Parts(int seed, bool crf = true, ConversationDirection direction = ConversationDirection.Forward)
    {
        torch.manual_seed(seed);
        var model = new HierarchicalTagger(new ModelOptions
        {
            EmbeddingDim = 8, UtteranceHidden = 18, ConversationHidden = 20,
            UseCrf = crf, SpeakerFeature = true, SpeakerWindow = 2, MaxPooling = true, CharacterFilters = 4, CharacterEmbeddingDim = 3,
            ConversationDirection = direction,
        }, new ModelDimensions(30, LabelNames.Length));
        if (model.OutputLayer is LinearChainCrf layer)
            using (torch.no_grad())
            {
                layer.Transitions.mul_(20);
                layer.StartScores.mul_(10);
                layer.EndScores.mul_(10);
            }
        model.eval();
        return (model, new TextEncoder(new TokenizerOptions(), Vocabulary.FromWords(Enumerable.Range(0, 27).Select(i => $"w{i}"))));
    }

    private static DialogueActTagger Over((HierarchicalTagger Model, TextEncoder Encoder) parts, TaggerOptions? options = null) =>
        new(parts.Model, parts.Encoder, new LabelSet(LabelNames), new ModelMetadata(), options, ownsModel: false);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AtLagZeroEachLabelIsTheArgmaxOfTheOfflineFilteringProbabilities(bool crf)
    {
        var parts = Parts(21, crf);
        using var model = parts.Model;
        using var tagger = Over(parts);
        var random = new Random(5);
        int clear = 0, total = 0;
        for (int c = 0; c < 4; c++)
        {
            var conversation = Conversation($"c{c}", random, 30);
            var offline = OfflineFiltering(parts.Model, parts.Encoder, conversation);
            using var session = tagger.StartSession(lag: 0);
            for (int t = 0; t < conversation.Utterances.Count; t++)
            {
                var u = conversation.Utterances[t];
                var tag = session.Add(u.Speaker, u.Text);
                Assert.Equal(t, tag.Index);
                Assert.Empty(tag.Revised);
                var expected = offline[t];
                // The session's probabilities equal the offline ones up to float32 rounding of the LSTM.
                foreach (var top in tag.Top) Assert.Equal(expected[Array.IndexOf(LabelNames, top.Label)], top.Probability, 1e-4);
                var sorted = expected.OrderDescending().ToArray();
                total++;
                if (sorted[0] - sorted[1] < 1e-3) continue;                                            // a near tie may flip with rounding
                clear++;
                Assert.Equal(LabelNames[Array.IndexOf(expected, sorted[0])], tag.Label);
                Assert.Equal(sorted[0], tag.Confidence, 1e-4);
            }
            Assert.Empty(session.End());
        }
        Assert.True(clear > total * 0.9, $"{clear} of {total} utterances had a clear argmax");
    }

    [Fact]
    public void WithAFullLagTheLabelsAfterTheEndAreTheOfflineViterbiPath()
    {
        using var tagger = Tagger(22);
        var random = new Random(6);
        int changed = 0;
        for (int c = 0; c < 4; c++)
        {
            var conversation = Conversation($"c{c}", random, 25);
            var offline = tagger.Tag(conversation).Utterances;
            using var session = tagger.StartSession(lag: 25);
            var labels = new List<string>();
            foreach (var u in conversation.Utterances)
            {
                var tag = session.Add(u.Speaker, u.Text);
                labels.Add(tag.Label);
                foreach (var r in tag.Revised) { Assert.NotEqual(labels[r.Index], r.Label); labels[r.Index] = r.Label; changed++; }
            }
            foreach (var r in session.End()) { Assert.NotEqual(labels[r.Index], r.Label); labels[r.Index] = r.Label; changed++; }
            Assert.Equal(offline.Select(u => u.Label), labels);
        }
        Assert.True(changed > 0, "some labels were revised");
    }

    [Fact]
    public void ALagRevisesOnlyTheLastUtterances()
    {
        using var tagger = Tagger(23);
        var conversation = Conversation("c", new Random(7), 40);
        using var session = tagger.StartSession(lag: 2);
        Assert.Equal(2, session.Lag);
        foreach (var u in conversation.Utterances)
        {
            var tag = session.Add(u.Speaker, u.Text);
            Assert.All(tag.Revised, r => Assert.InRange(r.Index, tag.Index - 2, tag.Index - 1));
        }
        Assert.All(session.End(), r => Assert.InRange(r.Index, 38, 39));
        Assert.Equal(40, session.Count);
    }

    [Fact]
    public void SessionsAreIndependentAndSafeFromManyThreads()
    {
        using var tagger = Tagger(24);
        var random = new Random(8);
        var conversations = Enumerable.Range(0, 6).Select(i => Conversation($"c{i}", random, 20)).ToArray();
        string Run(IDialogueActSession session, Conversation conversation) =>
            string.Join(";", conversation.Utterances.Select(u => session.Add(u.Speaker, u.Text)).Select(t => $"{t.Index}:{t.Label}:{t.Confidence:F5}:{string.Join(",", t.Revised.Select(r => $"{r.Index}={r.Label}"))}"));
        var sequential = conversations.Select(c =>
        {
            using var s = tagger.StartSession(lag: 1);
            return Run(s, c);
        }).ToArray();

        // All sessions open at once, their utterances interleaved across threads: each session's answers are unchanged.
        var sessions = conversations.Select(_ => tagger.StartSession(lag: 1)).ToArray();
        var answers = new SessionTag[conversations.Length][];
        for (int i = 0; i < answers.Length; i++) answers[i] = new SessionTag[20];
        for (int t = 0; t < 20; t++)
            Parallel.For(0, conversations.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            {
                var u = conversations[i].Utterances[t];
                answers[i][t] = sessions[i].Add(u.Speaker, u.Text);
            });
        for (int i = 0; i < conversations.Length; i++)
        {
            Assert.Equal(sequential[i], string.Join(";", answers[i].Select(t => $"{t.Index}:{t.Label}:{t.Confidence:F5}:{string.Join(",", t.Revised.Select(r => $"{r.Index}={r.Label}"))}")));
            sessions[i].Dispose();
        }

        // One session fed from many threads at once answers each utterance once, with indices 0..n-1.
        using var shared = tagger.StartSession();
        var indices = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, 30, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => indices.Add(shared.Add("A", $"w{i % 27}").Index));
        Assert.Equal(Enumerable.Range(0, 30), indices.Order());
    }

    [Fact]
    public void DisposingOrEndingASessionFreesItsState()
    {
        using var tagger = Tagger(25);
        var session = (DialogueActSession)tagger.StartSession(lag: 1);
        Assert.False(session.HoldsNativeState);
        session.Add("A", "w1 w2");
        session.Add("B", "w3");
        Assert.True(session.HoldsNativeState);
        session.Dispose();
        Assert.False(session.HoldsNativeState);
        Assert.True(session.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => session.Add("A", "w4"));
        Assert.Throws<ObjectDisposedException>(() => session.End());
        session.Dispose();

        var ended = (DialogueActSession)tagger.StartSession();
        ended.Add("A", "w1");
        ended.End();
        Assert.False(ended.HoldsNativeState);
        var refused = Assert.Throws<DialogueActsException>(() => ended.Add("A", "w2"));
        Assert.Equal("session: has ended; start a new session for another conversation", refused.Message);
        Assert.Empty(ended.End());
        ended.Dispose();
    }

    [Fact]
    public void ABidirectionalModelRefusesSessions()
    {
        using var tagger = Tagger(26, direction: ConversationDirection.Bidirectional);
        var refused = Assert.Throws<DialogueActsException>(() => tagger.StartSession());
        Assert.StartsWith("the model's conversation encoder is bidirectional", refused.Message);
        Assert.Contains("model.conversationDirection \"forward\"", refused.Message);
    }

    [Fact]
    public void ASessionHoldsAtMostTheConversationLimitAndANegativeLagIsRefused()
    {
        using var tagger = Tagger(27, options: new TaggerOptions { MaxUtterancesPerConversation = 3 });
        using var session = tagger.StartSession();
        for (int i = 0; i < 3; i++) session.Add("A", "w1");
        var refused = Assert.Throws<DialogueActsException>(() => session.Add("A", "w1"));
        Assert.Equal("session: holds 3 utterances, the limit per conversation", refused.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => tagger.StartSession(-1));
    }

    [Fact]
    public void TheWorkPerUtteranceDoesNotReadTheHistory()
    {
        // The session keeps the speaker window's utterances only: an utterance long before changes nothing but the
        // carried state, so two sessions that differ only far back agree on the speaker flags of the last utterances.
        using var tagger = Tagger(28);
        var session = (DialogueActSession)tagger.StartSession();
        var random = new Random(9);
        foreach (var u in Conversation("c", random, 50).Utterances) session.Add(u.Speaker, u.Text);
        Assert.Equal(3, session.ContextLength);                                                        // window 2 + the utterance itself
        session.Dispose();
    }
}
