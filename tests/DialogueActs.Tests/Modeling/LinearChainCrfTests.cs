using DialogueActs.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Tests.Modeling;

public sealed class LinearChainCrfTests
{
    private const double Tolerance = 1e-4;

    /// <summary>A batch of three sequences of different lengths, with the CRF's parameters scaled up so paths differ clearly.</summary>
    private static (LinearChainCrf Crf, Tensor Emissions, Tensor Mask, Tensor Tags, int[] Lengths) Case(int labels, int[] lengths, int seed)
    {
        torch.manual_seed(seed);
        var crf = new LinearChainCrf(labels);
        using (torch.no_grad())
        {
            crf.Transitions.copy_(torch.randn(labels, labels) * 2);
            crf.StartScores.copy_(torch.randn(labels));
            crf.EndScores.copy_(torch.randn(labels));
        }
        int steps = lengths.Max();
        var emissions = torch.randn(lengths.Length, steps, labels) * 2;                                // [B, T, K]
        var maskValues = new bool[lengths.Length * steps];
        var tagValues = new long[lengths.Length * steps];
        var random = new Random(seed);
        for (int b = 0; b < lengths.Length; b++)
            for (int t = 0; t < steps; t++)
            {
                maskValues[b * steps + t] = t < lengths[b];
                tagValues[b * steps + t] = t < lengths[b] ? random.Next(labels) : 0;
            }
        var mask = torch.tensor(maskValues, new long[] { lengths.Length, steps });                     // [B, T]
        var tags = torch.tensor(tagValues, new long[] { lengths.Length, steps });                      // [B, T]
        return (crf, emissions, mask, tags, lengths);
    }

    private static CrfBruteForce Oracle(LinearChainCrf crf, Tensor emissions, int b, int length)
    {
        int labels = crf.LabelCount;
        var e = emissions[b].to_type(ScalarType.Float64).data<double>().ToArray();
        var emit = new double[length, labels];
        for (int t = 0; t < length; t++) for (int k = 0; k < labels; k++) emit[t, k] = e[t * labels + k];
        var tr = crf.Transitions.to_type(ScalarType.Float64).data<double>().ToArray();
        var trans = new double[labels, labels];
        for (int i = 0; i < labels; i++) for (int j = 0; j < labels; j++) trans[i, j] = tr[i * labels + j];
        return new CrfBruteForce(emit, trans,
            crf.StartScores.to_type(ScalarType.Float64).data<double>().ToArray(),
            crf.EndScores.to_type(ScalarType.Float64).data<double>().ToArray());
    }

    public static TheoryData<int, int[]> Cases => new()
    {
        { 2, new[] { 5, 1, 3 } },
        { 3, new[] { 4, 2, 1 } },
        { 4, new[] { 1, 5, 3 } },
        { 4, new[] { 5, 5, 5 } },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void LogPartitionAndNllEqualBruteForce(int labels, int[] lengths)
    {
        using var scope = torch.NewDisposeScope();
        var (crf, emissions, mask, tags, _) = Case(labels, lengths, seed: 1);
        var logZ = crf.LogPartition(emissions, mask).to_type(ScalarType.Float64).data<double>().ToArray();
        var nll = crf.NegativeLogLikelihood(emissions, tags, mask).to_type(ScalarType.Float64).data<double>().ToArray();
        var tagRows = tags.data<long>().ToArray();
        int steps = lengths.Max();
        for (int b = 0; b < lengths.Length; b++)
        {
            var oracle = Oracle(crf, emissions, b, lengths[b]);
            double expectedLogZ = oracle.LogPartition();
            var gold = Enumerable.Range(0, lengths[b]).Select(t => (int)tagRows[b * steps + t]).ToArray();
            Assert.Equal(expectedLogZ, logZ[b], Tolerance);
            Assert.Equal(expectedLogZ - oracle.Score(gold), nll[b], Tolerance);
        }
    }

    /// <summary>
    /// The gradients of the summed NLL are the brute-force expected feature counts minus the gold sequence's counts, for the
    /// emissions (zero on padding), the transitions, the start and the end scores.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void NllGradientsEqualBruteForceExpectationsMinusGoldCounts(int labels, int[] lengths)
    {
        using var scope = torch.NewDisposeScope();
        var (crf, emissions, mask, tags, _) = Case(labels, lengths, seed: 3);
        var leaf = emissions.detach().clone().requires_grad_(true);
        crf.NegativeLogLikelihood(leaf, tags, mask).sum().backward();
        int steps = lengths.Max();
        var tagRows = tags.data<long>().ToArray();
        var emissionGrad = leaf.grad!.to_type(ScalarType.Float64).data<double>().ToArray();
        var expectedTransitions = new double[labels * labels];
        var expectedStart = new double[labels];
        var expectedEnd = new double[labels];
        for (int b = 0; b < lengths.Length; b++)
        {
            var gold = Enumerable.Range(0, lengths[b]).Select(t => (int)tagRows[b * steps + t]).ToArray();
            var (e, tr, st, en) = Oracle(crf, emissions, b, lengths[b]).Expectations();
            for (int t = 0; t < steps; t++)
                for (int k = 0; k < labels; k++)
                {
                    double expected = t < lengths[b] ? e[t, k] - (gold[t] == k ? 1 : 0) : 0;
                    Assert.Equal(expected, emissionGrad[(b * steps + t) * labels + k], Tolerance);
                }
            for (int i = 0; i < labels; i++)
            {
                for (int j = 0; j < labels; j++) expectedTransitions[i * labels + j] += tr[i, j];
                expectedStart[i] += st[i];
                expectedEnd[i] += en[i];
            }
            for (int t = 1; t < gold.Length; t++) expectedTransitions[gold[t - 1] * labels + gold[t]] -= 1;
            expectedStart[gold[0]] -= 1;
            expectedEnd[gold[^1]] -= 1;
        }
        void Same(double[] expected, Tensor gradient, string name)
        {
            var actual = gradient.to_type(ScalarType.Float64).data<double>().ToArray();
            for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < Tolerance, $"{name}[{i}]: {actual[i]}, expected {expected[i]}");
        }
        Same(expectedTransitions, crf.Transitions.grad!, "transitions");
        Same(expectedStart, crf.StartScores.grad!, "start");
        Same(expectedEnd, crf.EndScores.grad!, "end");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ViterbiPathAndScoreEqualBruteForce(int labels, int[] lengths)
    {
        using var scope = torch.NewDisposeScope();
        var (crf, emissions, mask, _, _) = Case(labels, lengths, seed: 2);
        var decoding = crf.Decode(emissions, mask);
        for (int b = 0; b < lengths.Length; b++)
        {
            var (path, score) = Oracle(crf, emissions, b, lengths[b]).Best();
            Assert.Equal(path, decoding.Paths[b]);
            Assert.Equal(score, decoding.Scores[b], Tolerance);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MarginalsEqualBruteForceAndSumToOne(int labels, int[] lengths)
    {
        using var scope = torch.NewDisposeScope();
        var (crf, emissions, mask, _, _) = Case(labels, lengths, seed: 3);
        var marginals = crf.Marginals(emissions, mask).to_type(ScalarType.Float64).data<double>().ToArray();
        int steps = lengths.Max();
        for (int b = 0; b < lengths.Length; b++)
        {
            var expected = Oracle(crf, emissions, b, lengths[b]).Marginals();
            for (int t = 0; t < steps; t++)
            {
                double sum = 0;
                for (int k = 0; k < labels; k++)
                {
                    double actual = marginals[(b * steps + t) * labels + k];
                    sum += actual;
                    Assert.Equal(t < lengths[b] ? expected[t, k] : 0.0, actual, Tolerance);
                }
                Assert.Equal(t < lengths[b] ? 1.0 : 0.0, sum, Tolerance);
            }
        }
    }

    [Fact]
    public void PaddingInsideABatchChangesNothing()
    {
        using var scope = torch.NewDisposeScope();
        var (crf, emissions, mask, tags, lengths) = Case(3, new[] { 2, 5, 4 }, seed: 4);
        var batchNll = crf.NegativeLogLikelihood(emissions, tags, mask).data<float>().ToArray();
        var batchDecode = crf.Decode(emissions, mask);
        var batchMarginals = crf.Marginals(emissions, mask);                                          // [B, T, K]
        for (int b = 0; b < lengths.Length; b++)
        {
            var n = lengths[b];
            var alone = emissions[b, TensorIndex.Slice(0, n)].unsqueeze(0);                            // [1, n, K]
            var aloneMask = torch.ones(1, n, dtype: ScalarType.Bool);                                   // [1, n]
            var aloneTags = tags[b, TensorIndex.Slice(0, n)].unsqueeze(0);                             // [1, n]
            Assert.Equal(crf.NegativeLogLikelihood(alone, aloneTags, aloneMask).item<float>(), batchNll[b], 1e-5);
            var decoded = crf.Decode(alone, aloneMask);
            Assert.Equal(decoded.Paths[0], batchDecode.Paths[b]);
            Assert.Equal(decoded.Scores[0], batchDecode.Scores[b], 1e-5);
            var aloneMarginals = crf.Marginals(alone, aloneMask)[0];                                   // [n, K]
            Assert.True(aloneMarginals.allclose(batchMarginals[b, TensorIndex.Slice(0, n)], rtol: 0, atol: 1e-6));
        }
    }

    [Fact]
    public void BadShapesThrowWithExactMessages()
    {
        using var scope = torch.NewDisposeScope();
        var crf = new LinearChainCrf(4);
        var emissions = torch.zeros(2, 3, 4);
        var mask = torch.ones(2, 3, dtype: ScalarType.Bool);
        var ex = Assert.Throws<ArgumentException>(() => crf.Decode(torch.zeros(2, 3, 5), mask));
        Assert.StartsWith("emissions must have shape [batch, steps, 4] but got [2, 3, 5].", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => crf.Decode(emissions, torch.ones(2, 4, dtype: ScalarType.Bool)));
        Assert.StartsWith("mask must have shape [2, 3] but got [2, 4].", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => crf.NegativeLogLikelihood(emissions, torch.zeros(3, 3, dtype: ScalarType.Int64), mask));
        Assert.StartsWith("tags must have shape [2, 3] but got [3, 3].", ex.Message);
        var lateStart = torch.tensor(new[] { true, true, true, false, true, true }, new long[] { 2, 3 });
        ex = Assert.Throws<ArgumentException>(() => crf.Marginals(emissions, lateStart));
        Assert.StartsWith("mask must be on at the first step of every sequence.", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => crf.Decode(emissions, torch.ones(2, 3)));
        Assert.StartsWith("mask must have dtype Bool but got Float32.", ex.Message);
    }
}
