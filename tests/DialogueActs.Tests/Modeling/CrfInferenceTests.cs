using DialogueActs.Modeling;

namespace DialogueActs.Tests.Modeling;

/// <summary>
/// The managed recursions over a chain that starts from an arbitrary initial score vector (what a fixed-lag window passes:
/// <c>log α_s</c>, possibly with labels of probability zero), with and without end scores, against enumeration.
/// </summary>
public sealed class CrfInferenceTests
{
    private const double Tolerance = 1e-9;

    /// <summary>Random scores, an initial vector (its first label impossible when asked) and the later steps' emissions, <c>[steps - 1, labels]</c>.</summary>
    private static (CrfScores Crf, double[] Initial, float[] Emissions) Case(int labels, int steps, bool impossibleLabel, int seed)
    {
        var random = new Random(seed);
        float Draw(double scale) => (float)((random.NextDouble() * 2 - 1) * scale);
        var crf = new CrfScores(
            Enumerable.Range(0, labels * labels).Select(_ => Draw(3)).ToArray(),
            Enumerable.Range(0, labels).Select(_ => Draw(1)).ToArray(),
            Enumerable.Range(0, labels).Select(_ => Draw(2)).ToArray());
        var initial = Enumerable.Range(0, labels).Select(_ => Draw(20) - 40.0).ToArray();           // far from 0: the scaling must absorb it
        if (impossibleLabel) initial[0] = double.NegativeInfinity;
        var emissions = Enumerable.Range(0, (steps - 1) * labels).Select(_ => Draw(4)).ToArray();
        return (crf, initial, emissions);
    }

    /// <summary>The chain as a sequence for the oracle: the initial vector is the first step's emissions, start scores zero.</summary>
    private static CrfBruteForce Oracle(CrfScores crf, double[] initial, float[] emissions, bool withEnd)
    {
        int k = crf.LabelCount, steps = 1 + emissions.Length / k;
        var emit = new double[steps, k];
        for (int y = 0; y < k; y++) emit[0, y] = initial[y];
        for (int t = 1; t < steps; t++) for (int y = 0; y < k; y++) emit[t, y] = emissions[(t - 1) * k + y];
        var transitions = new double[k, k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) transitions[i, j] = crf.Transitions[i * k + j];
        return new CrfBruteForce(emit, transitions, new double[k], withEnd ? crf.End.Select(v => (double)v).ToArray() : new double[k]);
    }

    public static TheoryData<int, int, bool, bool> Cases => new()
    {
        { 3, 1, true, false }, { 3, 1, false, true }, { 3, 5, true, false }, { 3, 5, true, true },
        { 4, 4, false, false }, { 4, 4, false, true }, { 2, 7, true, true }, { 5, 3, true, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ViterbiFromAnInitialScoreVectorEqualsEnumeration(int labels, int steps, bool withEnd, bool impossibleLabel)
    {
        for (int seed = 0; seed < 3; seed++)
        {
            var (crf, initial, emissions) = Case(labels, steps, impossibleLabel, seed);
            var (path, score) = CrfInference.Viterbi(crf, initial, emissions, withEnd);
            var (expectedPath, expectedScore) = Oracle(crf, initial, emissions, withEnd).Best();
            Assert.Equal(expectedPath, path);
            Assert.Equal(expectedScore, score, Tolerance);
            if (impossibleLabel) Assert.NotEqual(0, path[0]);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardBackwardFromAnInitialScoreVectorEqualsEnumeration(int labels, int steps, bool withEnd, bool impossibleLabel)
    {
        for (int seed = 0; seed < 3; seed++)
        {
            var (crf, initial, emissions) = Case(labels, steps, impossibleLabel, seed);
            var recursion = CrfInference.ForwardBackward(crf, initial, emissions, withEnd);
            var oracle = Oracle(crf, initial, emissions, withEnd);
            double logZ = oracle.LogPartition();
            Assert.True(Math.Abs(logZ - recursion.LogPartition) < Tolerance * Math.Abs(logZ), $"log Z {recursion.LogPartition}, expected {logZ}");
            var expected = oracle.Marginals();
            var unary = new float[steps * labels];
            recursion.Unary(unary);
            for (int t = 0; t < steps; t++)
                for (int y = 0; y < labels; y++)
                {
                    Assert.Equal(expected[t, y], recursion.Posterior(t, y), Tolerance);
                    Assert.Equal(expected[t, y], unary[t * labels + y], 1e-6);                            // float32
                }
        }
    }

    /// <summary>The filtering probability of each step is the last-step marginal of the chain cut after it, without end scores.</summary>
    [Theory]
    [InlineData(3, 1, false)]
    [InlineData(3, 5, true)]
    [InlineData(4, 4, false)]
    [InlineData(2, 7, true)]
    public void FilteringFromAnInitialScoreVectorEqualsEnumerationOfEachPrefix(int labels, int steps, bool impossibleLabel)
    {
        var (crf, initial, emissions) = Case(labels, steps, impossibleLabel, seed: 7);
        var filtering = CrfInference.Filtering(crf, initial, emissions);                               // [steps*K]
        Assert.Equal(steps * labels, filtering.Length);
        for (int t = 0; t < steps; t++)
        {
            var prefix = Oracle(crf, initial, emissions[..(t * labels)], withEnd: false).Marginals();
            for (int y = 0; y < labels; y++) Assert.Equal(prefix[t, y], filtering[t * labels + y], Tolerance);
        }
    }

    [Fact]
    public void AChainWhoseVectorsDoNotFitTheLabelsIsRejected()
    {
        var crf = CrfScores.Zero(3);
        var ex = Assert.Throws<ArgumentException>(() => CrfInference.Viterbi(crf, new double[2], new float[3], withEnd: true));
        Assert.StartsWith("A chain of 3 labels needs 3 initial scores and whole emission rows but got 2 and 3 scores.", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => CrfInference.ForwardBackward(crf, new double[3], new float[4], withEnd: false));
        Assert.StartsWith("A chain of 3 labels needs 3 initial scores and whole emission rows but got 3 and 4 scores.", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new CrfScores(new float[4], new float[3], new float[3]));
        Assert.StartsWith("CRF scores need 3 end scores and 9 transitions (at least one label) but got 3 and 4.", ex.Message);
    }
}
