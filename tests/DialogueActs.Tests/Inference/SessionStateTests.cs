using System.Buffers.Binary;
using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Modeling;
using DialogueActs.Text;
using TorchSharp;

namespace DialogueActs.Tests.Inference;

/// <summary>
/// A session's saved state (<see cref="IDialogueActSession.SaveState"/>, <see cref="IDialogueActTagger.RestoreSession"/>):
/// a session restored after every utterance, by another tagger over the same weights, answers exactly as an
/// uninterrupted one; states of another model, truncated, corrupted or of another version are refused with one line.
/// </summary>
public sealed class SessionStateTests
{
    private static readonly string[] LabelNames = ["a", "b", "c", "d", "e"];

    /// <summary>
    /// A random causal model reading speakers (window 3), characters and max-pools, with emissions and CRF scores scaled up so
    /// labels and revisions vary. Hidden sizes avoid libtorch's AVX-512 LSTM defect (docs/reliability.md).
    /// </summary>
    private static (HierarchicalTagger Model, TextEncoder Encoder) Parts(int seed, bool speakerTransitions = false)
    {
        torch.manual_seed(seed);
        var model = new HierarchicalTagger(new ModelOptions
        {
            EmbeddingDim = 8, UtteranceHidden = 18, ConversationHidden = 20,
            SpeakerFeature = true, SpeakerWindow = 3, MaxPooling = true, CharacterFilters = 4, CharacterEmbeddingDim = 3,
            ConversationDirection = ConversationDirection.Forward, SpeakerTransitions = speakerTransitions,
        }, new ModelDimensions(30, LabelNames.Length));
        using (torch.no_grad())
        {
            foreach (var (name, parameter) in model.named_parameters())
                if (name == "_conversationEncoder._output.weight") parameter.mul_(60);            // emissions that vary
            if (model.OutputLayer is LinearChainCrf layer)
            {
                layer.Transitions.mul_(10);
                layer.ChangeTransitions?.mul_(10);
                layer.StartScores.mul_(4);
                layer.EndScores.mul_(4);
            }
        }
        model.eval();
        return (model, new TextEncoder(new TokenizerOptions(), Vocabulary.FromWords(Enumerable.Range(0, 27).Select(i => $"w{i}"))));
    }

    private static DialogueActTagger Over((HierarchicalTagger Model, TextEncoder Encoder) parts, double temperature = 1) =>
        new(parts.Model, parts.Encoder, new LabelSet(LabelNames), new ModelMetadata(), new TaggerOptions { Precision = InferencePrecision.Float32 }, ownsModel: false,
            temperature: temperature);

    private static Utterance[] Utterances(Random random, int length) =>
        Enumerable.Range(0, length).Select(_ => new Utterance(
            ((char)('A' + random.Next(3))).ToString(),
            string.Join(" ", Enumerable.Range(0, 1 + random.Next(7)).Select(_ => $"w{random.Next(30)}")),
            null)).ToArray();

    /// <summary>Everything an answer holds, as text with round-trip numbers, so that equal strings mean equal answers.</summary>
    private static string Show(SessionTag tag) =>
        $"{tag.Index} {tag.Label} {tag.Confidence:R} [{string.Join(",", tag.Top.Select(t => $"{t.Label}:{t.Probability:R}"))}] {Show(tag.Revised)}";

    private static string Show(IReadOnlyList<RevisedTag> revised) => "{" + string.Join(",", revised.Select(r => $"{r.Index}:{r.Label}:{r.Confidence:R}")) + "}";

    [Theory]
    [InlineData(0, false, 1.0)]
    [InlineData(2, false, 1.0)]
    [InlineData(16, false, 1.0)]
    [InlineData(2, true, 1.7)]
    [InlineData(16, true, 0.6)]
    public void ASessionRestoredAfterEveryUtteranceAnswersExactlyAsAnUninterruptedOne(int lag, bool speakerTransitions, double temperature)
    {
        var parts = Parts(31, speakerTransitions);
        using var model = parts.Model;
        using var first = Over(parts, temperature);
        using var second = Over(parts, temperature);                                                                 // another tagger over the same weights: another replica
        var random = new Random(lag + 1);
        int revisions = 0;
        for (int c = 0; c < 3; c++)
        {
            var utterances = Utterances(random, 40);
            var expected = new List<string>();
            using (var session = first.StartSession(lag))
            {
                foreach (var u in utterances) expected.Add(Show(session.Add(u.Speaker, u.Text)));
                expected.Add(Show(session.End()));
            }
            var actual = new List<string>();
            byte[] state = first.StartSession(lag).SaveState();
            for (int i = 0; i < utterances.Length; i++)
            {
                using var session = (i % 2 == 0 ? second : first).RestoreSession(state);
                Assert.Equal(i, session.Count);
                Assert.Equal(lag, session.Lag);
                var tag = session.Add(utterances[i].Speaker, utterances[i].Text);
                revisions += tag.Revised.Count;
                actual.Add(Show(tag));
                state = session.SaveState();
            }
            using (var last = second.RestoreSession(state)) actual.Add(Show(last.End()));
            Assert.Equal(expected, actual);
        }
        if (lag > 0) Assert.True(revisions > 0, "the conversations should revise labels, or the window is not exercised");
    }

    [Fact]
    public void TheStateDoesNotGrowWithTheConversationAndRecordsItsFormatVersion()
    {
        var parts = Parts(32);
        using var model = parts.Model;
        using var tagger = Over(parts);
        using var session = tagger.StartSession(lag: 2);
        var random = new Random(3);
        var sizes = new List<int>();
        foreach (var u in Utterances(random, 60))
        {
            session.Add(u.Speaker, u.Text);
            sizes.Add(session.SaveState().Length);
        }
        // Once the window and the speakers are full, only the speakers' lengths (one character each here) can vary.
        Assert.Single(sizes.Skip(10).Distinct());
        Assert.True(sizes[^1] < 1024, $"a state of {sizes[^1]} bytes");
        var state = session.SaveState();
        Assert.Equal("DASS"u8.ToArray(), state[..4]);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(state.AsSpan(4)));
    }

    [Fact]
    public void AnEndedSessionHasNoStateToSave()
    {
        var parts = Parts(33);
        using var model = parts.Model;
        using var tagger = Over(parts);
        using var session = tagger.StartSession(1);
        session.Add("A", "w1 w2");
        session.End();
        var ex = Assert.Throws<DialogueActsException>(() => session.SaveState());
        Assert.Contains("has ended", ex.Message);
    }

    [Fact]
    public void AStateIsRefusedByAnotherModelAndAtAnotherVersion()
    {
        var parts = Parts(34);
        var other = Parts(35);
        using var model = parts.Model;
        using var otherModel = other.Model;
        using var tagger = Over(parts);
        using var otherTagger = Over(other);
        var state = Saved(tagger, lag: 2, utterances: 5);
        AssertRefused(otherTagger, state, "written for another model");
        var version = (byte[])state.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(version.AsSpan(4), 2);
        AssertRefused(tagger, version, "format version 2, this library reads version 1");
        AssertRefused(tagger, [.. state, 0], "1 bytes after the end");
        AssertRefused(tagger, "{\"not\": \"a state\"}"u8.ToArray(), "not a session state");
    }

    [Fact]
    public void ANonFiniteValueOrAnOutOfRangeSizeIsRefused()
    {
        var parts = Parts(36);
        using var model = parts.Model;
        using var tagger = Over(parts);
        var state = Saved(tagger, lag: 2, utterances: 5);
        const int header = 4 + 2 + 32;                                                                  // magic, version, identity
        var nan = (byte[])state.Clone();
        BinaryPrimitives.WriteSingleLittleEndian(nan.AsSpan(header + 16 + 4 * 7), float.NaN);         // the 8th value of h
        AssertRefused(tagger, nan, "the LSTM state is not finite");
        var lag = (byte[])state.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(lag.AsSpan(header), 3);
        AssertRefused(tagger, lag, "a CRF window of 3 steps, lag 3 after 5 utterances needs 4");
        var count = (byte[])state.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(count.AsSpan(header + 4), int.MaxValue);
        AssertRefused(tagger, count, "count must be 0 to");
        var labels = (byte[])state.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(labels.AsSpan(header + 8), 6);
        AssertRefused(tagger, labels, "has 6 labels, the model 5");
    }

    [Fact]
    public void EveryTruncationAndEveryCorruptedByteIsRefusedWithOneLineOrRestoresASession()
    {
        var parts = Parts(37);
        using var model = parts.Model;
        using var tagger = Over(parts);
        var state = Saved(tagger, lag: 3, utterances: 6);
        for (int length = 0; length < state.Length; length++)
            AssertRefused(tagger, state[..length], "session state: ");
        var random = new Random(11);
        int restored = 0;
        for (int i = 0; i < state.Length; i++)
        {
            var corrupt = (byte[])state.Clone();
            corrupt[i] ^= (byte)(1 << random.Next(8));
            try
            {
                using var session = tagger.RestoreSession(corrupt);
                session.Add("A", "w3 w4");                                                           // a state that reads back must also work
                restored++;
            }
            catch (DialogueActsException ex)
            {
                Assert.StartsWith("session state: ", ex.Message);
                Assert.DoesNotContain('\n', ex.Message);
            }
        }
        Assert.True(restored > 0 && restored < state.Length, $"{restored} of {state.Length} corruptions restored");
    }

    private static byte[] Saved(DialogueActTagger tagger, int lag, int utterances)
    {
        using var session = tagger.StartSession(lag);
        foreach (var u in Utterances(new Random(lag), utterances)) session.Add(u.Speaker, u.Text);
        return session.SaveState();
    }

    private static void AssertRefused(IDialogueActTagger tagger, byte[] state, string expected)
    {
        var ex = Assert.Throws<DialogueActsException>(() => tagger.RestoreSession(state).Dispose());
        Assert.Contains(expected, ex.Message);
        Assert.StartsWith("session state: ", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }
}

/// <summary>A state saved by one tagger loaded from a model.zip continues in another tagger loaded from the same file, as in another process.</summary>
[Collection(CausalModelCollection.Name)]
public sealed class SessionStateAcrossLoadsTests(CausalModelFixture fixture)
{
    [Fact]
    public void AStateSavedOverOneLoadOfAModelRestoresOverAnother()
    {
        using var other = DialogueActTagger.Load(fixture.ModelPath);
        var conversation = fixture.Valid()[0];
        var expected = SessionReplay.Tag(fixture.Tagger, [conversation], lag: 2)[0];
        var labels = new string[conversation.Utterances.Count];
        byte[] state = fixture.Tagger.StartSession(2).SaveState();
        for (int i = 0; i < labels.Length; i++)
        {
            using var session = (i % 2 == 0 ? other : fixture.Tagger).RestoreSession(state);
            var tag = session.Add(conversation.Utterances[i].Speaker, conversation.Utterances[i].Text);
            labels[i] = tag.Label;
            foreach (var r in tag.Revised) labels[r.Index] = r.Label;
            state = session.SaveState();
        }
        using (var last = other.RestoreSession(state))
            foreach (var r in last.End()) labels[r.Index] = r.Label;
        Assert.Equal(expected.Utterances.Select(t => t.Label), labels);
    }
}
