using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Modeling;
using DialogueActs.Tests.Training;
using DialogueActs.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Tests.Modeling;

/// <summary>
/// The CRF with speaker-change transitions (one matrix into an utterance whose speaker changed, one into an utterance by
/// the same speaker): log Z, the NLL and its gradients, Viterbi and the marginals equal brute-force enumeration, and the
/// fixed-lag path read one step at a time ends on the offline Viterbi path.
/// </summary>
public sealed class SpeakerTransitionsTests
{
    private const double Tolerance = 1e-4;

    public static TheoryData<int, int[]> Cases => new()
    {
        { 2, new[] { 5, 1, 3 } },
        { 3, new[] { 4, 2, 1 } },
        { 4, new[] { 5, 5, 3 } },
    };

    private static (LinearChainCrf Crf, Tensor Emissions, Tensor Mask, Tensor Tags, Tensor Changes) Case(int labels, int[] lengths, int seed)
    {
        manual_seed(seed);
        var crf = new LinearChainCrf(labels, speakerTransitions: true);
        using (no_grad())
        {
            crf.Transitions.copy_(randn(labels, labels) * 2);
            crf.ChangeTransitions!.copy_(randn(labels, labels) * 2);
            crf.StartScores.copy_(randn(labels));
            crf.EndScores.copy_(randn(labels));
        }
        int steps = lengths.Max();
        var random = new Random(seed);
        var mask = new bool[lengths.Length * steps];
        var tags = new long[lengths.Length * steps];
        var changes = new bool[lengths.Length * steps];
        for (int b = 0; b < lengths.Length; b++)
            for (int t = 0; t < lengths[b]; t++)
            {
                mask[b * steps + t] = true;
                tags[b * steps + t] = random.Next(labels);
                changes[b * steps + t] = t > 0 && random.Next(2) == 1;
            }
        long[] shape = [lengths.Length, steps];
        return (crf, randn(lengths.Length, steps, labels) * 2, tensor(mask, shape), tensor(tags, shape), tensor(changes, shape));
    }

    private static double[,] Matrix(Tensor values, int labels)
    {
        var flat = values.detach().to_type(ScalarType.Float64).data<double>().ToArray();
        var result = new double[labels, labels];
        for (int i = 0; i < labels; i++) for (int j = 0; j < labels; j++) result[i, j] = flat[i * labels + j];
        return result;
    }

    private static CrfBruteForce Oracle(LinearChainCrf crf, Tensor emissions, Tensor changes, int b, int length)
    {
        int labels = crf.LabelCount;
        var emit = new double[length, labels];
        var e = emissions[b].to_type(ScalarType.Float64).data<double>().ToArray();
        for (int t = 0; t < length; t++) for (int k = 0; k < labels; k++) emit[t, k] = e[t * labels + k];
        var flags = changes[b].data<bool>().ToArray()[..length];
        return new CrfBruteForce(emit, Matrix(crf.Transitions, labels), crf.StartScores.detach().to_type(ScalarType.Float64).data<double>().ToArray(),
            crf.EndScores.detach().to_type(ScalarType.Float64).data<double>().ToArray(), Matrix(crf.ChangeTransitions!, labels), flags);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LogPartitionNllViterbiAndMarginalsEqualBruteForce(int labels, int[] lengths)
    {
        using var scope = NewDisposeScope();
        var (crf, emissions, mask, tags, changes) = Case(labels, lengths, seed: 2);
        var logZ = crf.LogPartition(emissions, mask, changes).to_type(ScalarType.Float64).data<double>().ToArray();
        var nll = crf.NegativeLogLikelihood(emissions, tags, mask, changes).to_type(ScalarType.Float64).data<double>().ToArray();
        var decoding = crf.Decode(emissions, mask, changes);
        var marginals = crf.Marginals(emissions, mask, changes).to_type(ScalarType.Float64).data<double>().ToArray();
        var plain = crf.LogPartition(emissions, mask).to_type(ScalarType.Float64).data<double>().ToArray();
        int steps = lengths.Max();
        var tagRows = tags.data<long>().ToArray();
        bool anyChange = false;
        for (int b = 0; b < lengths.Length; b++)
        {
            var oracle = Oracle(crf, emissions, changes, b, lengths[b]);
            var gold = Enumerable.Range(0, lengths[b]).Select(t => (int)tagRows[b * steps + t]).ToArray();
            Assert.Equal(oracle.LogPartition(), logZ[b], Tolerance);
            Assert.Equal(oracle.LogPartition() - oracle.Score(gold), nll[b], Tolerance);
            var (path, best) = oracle.Best();
            Assert.Equal(path, decoding.Paths[b]);
            Assert.Equal(best, decoding.Scores[b], 1e-3);
            var expected = oracle.Marginals();
            for (int t = 0; t < lengths[b]; t++)
                for (int k = 0; k < labels; k++) Assert.Equal(expected[t, k], marginals[(b * steps + t) * labels + k], Tolerance);
            bool changed = changes[b].data<bool>().ToArray()[..lengths[b]].Any(c => c);
            if (changed) Assert.NotEqual(plain[b], logZ[b], 6);                                              // the flags matter
            else Assert.Equal(plain[b], logZ[b], 6);
            anyChange |= changed;
        }
        Assert.True(anyChange, "the case has speaker changes");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientsOfBothMatricesEqualBruteForceExpectationsMinusGoldCounts(int labels, int[] lengths)
    {
        using var scope = NewDisposeScope();
        var (crf, emissions, mask, tags, changes) = Case(labels, lengths, seed: 4);
        crf.NegativeLogLikelihood(emissions, tags, mask, changes).sum().backward();
        int steps = lengths.Max();
        var tagRows = tags.data<long>().ToArray();
        foreach (bool changed in new[] { false, true })
        {
            var expected = new double[labels * labels];
            for (int b = 0; b < lengths.Length; b++)
            {
                var flags = changes[b].data<bool>().ToArray();
                var (_, tr, _, _) = Oracle(crf, emissions, changes, b, lengths[b]).Expectations(changed);
                for (int i = 0; i < labels; i++) for (int j = 0; j < labels; j++) expected[i * labels + j] += tr[i, j];
                for (int t = 1; t < lengths[b]; t++)
                    if (flags[t] == changed) expected[tagRows[b * steps + t - 1] * labels + tagRows[b * steps + t]] -= 1;
            }
            var actual = (changed ? crf.ChangeTransitions! : crf.Transitions).grad!.to_type(ScalarType.Float64).data<double>().ToArray();
            for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < Tolerance, $"{(changed ? "change" : "same")}[{i}]: {actual[i]}, expected {expected[i]}");
        }
    }

    [Fact]
    public void TheFixedLagPathReadOneStepAtATimeEndsOnTheOfflineViterbiPath()
    {
        using var scope = NewDisposeScope();
        var (crf, emissions, mask, _, changes) = Case(4, [6], seed: 6);
        var offline = crf.Decode(emissions, mask, changes).Paths[0];
        var marginals = crf.Marginals(emissions, mask, changes)[0].data<float>().ToArray();
        var flags = changes[0].data<bool>().ToArray();
        var rows = emissions[0].contiguous().data<float>().ToArray();
        var online = new FixedLagCrf(crf.ManagedScores(), lag: 6);
        for (int t = 0; t < 6; t++) online.Add(rows.AsSpan(t * 4, 4), flags[t]);
        var (start, labels, confidences) = online.End();
        Assert.Equal(0, start);
        Assert.Equal(offline, labels);
        for (int t = 0; t < 6; t++) Assert.Equal(marginals[t * 4 + labels[t]], confidences[t], 1e-4);
    }

    [Fact]
    public void ATrainedModelSavesReloadsAndStreamsWithThem()
    {
        using var corpus = new TinyCorpus(trainConversations: 8, seed: 4);
        var config = corpus.Config(epochs: 2, model: ", \"conversationDirection\": \"forward\", \"speakerFeature\": true, \"speakerTransitions\": true");
        var result = new Trainer(config, Path.Combine(corpus.Directory, "run"), new RecordingObserver()).Run(resume: false);
        var options = new TaggerOptions { Precision = InferencePrecision.Float32 };
        using var tagger = DialogueActTagger.Load(result.ModelPath, options);
        Assert.True(tagger.ModelOptions.SpeakerTransitions);
        var conversations = CorpusReader.Read(corpus.ValidPath, config.Data.Columns, requireLabels: true);
        var offline = tagger.TagMany(conversations);
        using (var again = DialogueActTagger.Load(result.ModelPath, options))
            Assert.Equal(offline.SelectMany(c => c.Utterances.Select(u => (u.Label, u.Confidence))), again.TagMany(conversations).SelectMany(c => c.Utterances.Select(u => (u.Label, u.Confidence))));
        foreach (var (conversation, tagged) in conversations.Zip(offline).Take(3))
        {
            using var session = tagger.StartSession(lag: conversation.Utterances.Count);
            var labels = new string[conversation.Utterances.Count];
            foreach (var u in conversation.Utterances)
            {
                var tag = session.Add(u.Speaker, u.Text);
                labels[tag.Index] = tag.Label;
                foreach (var r in tag.Revised) labels[r.Index] = r.Label;
            }
            foreach (var r in session.End()) labels[r.Index] = r.Label;
            Assert.Equal(tagged.Utterances.Select(u => u.Label), labels);
        }
    }

    [Fact]
    public void ANonCrfModelCannotHaveThem()
    {
        var options = ModelFixtures.SmallOptions(crf: false) with { SpeakerTransitions = true };
        var error = Assert.Throws<ArgumentException>(() => new HierarchicalTagger(options, new ModelDimensions(10, 3)));
        Assert.Equal("SpeakerTransitions needs the CRF (UseCrf).", error.Message);
    }
}
