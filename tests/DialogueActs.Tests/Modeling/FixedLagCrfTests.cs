using DialogueActs.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Tests.Modeling;

/// <summary>
/// The CRF read one step at a time against enumeration of every label sequence of the prefix seen so far:
/// filtering probabilities, the window's most probable labelling and its marginals, and the end.
/// </summary>
public sealed class FixedLagCrfTests
{
    private const double Tolerance = 1e-9;

    private static (CrfScores Scores, float[][] Emissions) Case(int labels, int steps, int seed)
    {
        var random = new Random(seed);
        float Draw(double scale) => (float)((random.NextDouble() * 2 - 1) * scale);
        var scores = new CrfScores(
            Enumerable.Range(0, labels * labels).Select(_ => Draw(3)).ToArray(),
            Enumerable.Range(0, labels).Select(_ => Draw(1)).ToArray(),
            Enumerable.Range(0, labels).Select(_ => Draw(2)).ToArray());
        var emissions = Enumerable.Range(0, steps).Select(_ => Enumerable.Range(0, labels).Select(_ => Draw(3)).ToArray()).ToArray();
        return (scores, emissions);
    }

    /// <summary>The brute-force oracle over steps 0..last, with the end scores only when the sequence has ended.</summary>
    private static CrfBruteForce Oracle(CrfScores scores, float[][] emissions, int last, bool ended)
    {
        int k = scores.LabelCount;
        var emit = new double[last + 1, k];
        for (int t = 0; t <= last; t++) for (int y = 0; y < k; y++) emit[t, y] = emissions[t][y];
        var transitions = new double[k, k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) transitions[i, j] = scores.Transitions[i * k + j];
        return new CrfBruteForce(emit, transitions, scores.Start.Select(v => (double)v).ToArray(),
            ended ? scores.End.Select(v => (double)v).ToArray() : new double[k]);
    }

    /// <summary>The most probable labelling of steps <paramref name="start"/>.. of the oracle's sequence, every earlier step summed out.</summary>
    private static int[] WindowMap(CrfBruteForce oracle, int start)
    {
        var mass = new Dictionary<string, (int[] Labels, double Mass)>();
        double logZ = oracle.LogPartition();
        foreach (var tags in oracle.AllSequences())
        {
            var window = tags[start..];
            string key = string.Join(",", window);
            double p = Math.Exp(oracle.Score(tags) - logZ);
            mass[key] = mass.TryGetValue(key, out var m) ? (m.Labels, m.Mass + p) : (window, p);
        }
        return mass.Values.MaxBy(v => v.Mass).Labels;
    }

    public static TheoryData<int, int, int> Cases => new()
    {
        { 3, 6, 0 }, { 3, 6, 1 }, { 3, 6, 2 }, { 2, 7, 4 }, { 4, 5, 3 }, { 3, 6, 10 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryStepEqualsEnumerationOfThePrefix(int labels, int steps, int lag)
    {
        for (int seed = 0; seed < 4; seed++)
        {
            var (scores, emissions) = Case(labels, steps, seed * 31 + lag);
            var crf = new FixedLagCrf(scores, lag);
            for (int t = 0; t < steps; t++)
            {
                var (windowLabels, confidences, filtering) = crf.Add(emissions[t]);
                var oracle = Oracle(scores, emissions, t, ended: false);
                var marginals = oracle.Marginals();
                int start = Math.Max(0, t - lag);
                Assert.Equal(start, crf.WindowStart);
                for (int y = 0; y < labels; y++) Assert.True(Math.Abs(marginals[t, y] - filtering[y]) < Tolerance, $"t={t} y={y} {marginals[t, y]} vs {filtering[y]}");
                Assert.Equal(WindowMap(oracle, start), windowLabels);
                for (int i = 0; i < windowLabels.Length; i++) Assert.Equal(marginals[start + i, windowLabels[i]], confidences[i], Tolerance);
            }
            var (endStart, endLabels, endConfidences) = crf.End();
            var ended = Oracle(scores, emissions, steps - 1, ended: true);
            int open = Math.Min(lag, steps);
            Assert.Equal(steps - open, endStart);
            Assert.Equal(open == 0 ? [] : WindowMap(ended, endStart), endLabels);
            var endMarginals = ended.Marginals();
            for (int i = 0; i < endLabels.Length; i++) Assert.Equal(endMarginals[endStart + i, endLabels[i]], endConfidences[i], Tolerance);
        }
    }

    [Fact]
    public void AtLagZeroTheLabelIsTheArgmaxOfTheFilteringProbabilities()
    {
        var (scores, emissions) = Case(5, 40, 7);
        var crf = new FixedLagCrf(scores, 0);
        foreach (var e in emissions)
        {
            var (labels, confidences, filtering) = crf.Add(e);
            Assert.Single(labels);
            Assert.Equal(Array.IndexOf(filtering, filtering.Max()), labels[0]);
            Assert.Equal(filtering.Max(), confidences[0], Tolerance);
            Assert.Equal(1.0, filtering.Sum(), 1e-12);
        }
        Assert.Empty(crf.End().Labels);
    }

    [Fact]
    public void WithAFullLagTheEndedWindowIsTheViterbiPathOfAConversationTooLongToEnumerate()
    {
        var (scores, emissions) = Case(6, 60, 9);
        torch.manual_seed(1);
        using var layer = new LinearChainCrf(6);
        using (torch.no_grad())
        {
            layer.Transitions.copy_(torch.tensor(scores.Transitions, new long[] { 6, 6 }));
            layer.StartScores.copy_(torch.tensor(scores.Start));
            layer.EndScores.copy_(torch.tensor(scores.End));
        }
        using var emissionTensor = torch.tensor(emissions.SelectMany(e => e).ToArray(), new long[] { 1, 60, 6 });   // [1, T, K]
        using var mask = torch.ones(1, 60, dtype: ScalarType.Bool);                                    // [1, T]
        var viterbi = layer.Decode(emissionTensor, mask).Paths[0];
        var marginals = layer.Marginals(emissionTensor, mask).data<float>().ToArray();                 // [1*T*K]

        var crf = new FixedLagCrf(scores, lag: 60);
        foreach (var e in emissions) crf.Add(e);
        var (start, labels, confidences) = crf.End();
        Assert.Equal(0, start);
        Assert.Equal(viterbi, labels);
        for (int t = 0; t < 60; t++) Assert.Equal(marginals[t * 6 + labels[t]], confidences[t], 1e-5);
    }

    [Fact]
    public void ZeroScoresDecodeEachStepOnItsOwn()
    {
        var (_, emissions) = Case(4, 12, 5);
        var crf = new FixedLagCrf(CrfScores.Zero(4), lag: 3);
        int[] labels = [];
        foreach (var e in emissions) labels = crf.Add(e).Labels;
        var expected = emissions[^4..].Select(e => Array.IndexOf(e, e.Max())).ToArray();
        Assert.Equal(expected, labels);
    }

    [Fact]
    public void FilteringMarginalsOfTheCrfLayerEqualEnumerationOfEachPrefix()
    {
        torch.manual_seed(3);
        using var layer = new LinearChainCrf(3);
        using (torch.no_grad()) layer.Transitions.copy_(torch.randn(3, 3) * 2);
        int[] lengths = [5, 2, 4];
        using var emissions = torch.randn(3, 5, 3) * 2;                                                // [B, T, K]
        var maskValues = new bool[15];
        for (int b = 0; b < 3; b++) for (int t = 0; t < lengths[b]; t++) maskValues[b * 5 + t] = true;
        using var mask = torch.tensor(maskValues, new long[] { 3, 5 });                               // [B, T]
        var filtering = layer.FilteringMarginals(emissions, mask).to_type(ScalarType.Float64).data<double>().ToArray();
        var scores = layer.ManagedScores();
        var e = emissions.data<float>().ToArray();
        for (int b = 0; b < 3; b++)
        {
            var rows = Enumerable.Range(0, 5).Select(t => e.AsSpan((b * 5 + t) * 3, 3).ToArray()).ToArray();
            for (int t = 0; t < 5; t++)
                for (int y = 0; y < 3; y++)
                {
                    double expected = t < lengths[b] ? Oracle(scores, rows, t, ended: false).Marginals()[t, y] : 0;
                    Assert.Equal(expected, filtering[(b * 5 + t) * 3 + y], 1e-5);
                }
        }
    }
}
