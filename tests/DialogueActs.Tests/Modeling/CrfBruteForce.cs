namespace DialogueActs.Tests.Modeling;

/// <summary>
/// The oracle for the CRF tests: enumerates every label sequence of one short sequence in double
/// precision and computes the score, log-partition, best path and marginals directly.
/// </summary>
internal sealed class CrfBruteForce
{
    private readonly double[,] _emissions; // [steps, labels]
    private readonly double[,] _transitions; // [from, to]
    private readonly double[] _start;
    private readonly double[] _end;
    private readonly double[,]? _changeTransitions; // [from, to], into a step whose speaker changed
    private readonly bool[] _changes; // [steps]

    public CrfBruteForce(double[,] emissions, double[,] transitions, double[] start, double[] end,
        double[,]? changeTransitions = null, bool[]? changes = null)
    {
        _emissions = emissions;
        _transitions = transitions;
        _start = start;
        _end = end;
        _changeTransitions = changeTransitions;
        _changes = changes ?? new bool[emissions.GetLength(0)];
    }

    /// <summary>The transition matrix into step <paramref name="t"/>.</summary>
    private double[,] Into(int t) => _changeTransitions is not null && _changes[t] ? _changeTransitions : _transitions;

    private int Steps => _emissions.GetLength(0);
    private int Labels => _emissions.GetLength(1);

    public double Score(IReadOnlyList<int> tags)
    {
        double s = _start[tags[0]] + _emissions[0, tags[0]];
        for (int t = 1; t < tags.Count; t++) s += Into(t)[tags[t - 1], tags[t]] + _emissions[t, tags[t]];
        return s + _end[tags[^1]];
    }

    public IEnumerable<int[]> AllSequences()
    {
        int total = (int)Math.Pow(Labels, Steps);
        for (int code = 0; code < total; code++)
        {
            var tags = new int[Steps];
            int rest = code;
            for (int t = 0; t < Steps; t++) { tags[t] = rest % Labels; rest /= Labels; }
            yield return tags;
        }
    }

    public double LogPartition()
    {
        var scores = AllSequences().Select(Score).ToArray();
        double max = scores.Max();
        return max + Math.Log(scores.Sum(s => Math.Exp(s - max)));
    }

    public (int[] Path, double Score) Best()
    {
        int[] best = Array.Empty<int>();
        double bestScore = double.NegativeInfinity;
        foreach (var tags in AllSequences())
        {
            double s = Score(tags);
            if (s > bestScore) { bestScore = s; best = tags; }
        }
        return (best, bestScore);
    }

    public double[,] Marginals()
    {
        double logZ = LogPartition();
        var result = new double[Steps, Labels];
        foreach (var tags in AllSequences())
        {
            double p = Math.Exp(Score(tags) - logZ);
            for (int t = 0; t < Steps; t++) result[t, tags[t]] += p;
        }
        return result;
    }

    /// <summary>
    /// The expected count of each feature under the CRF's distribution, the derivatives of <c>log Z</c>: per step and label
    /// (emissions, <c>[steps, labels]</c>), per label pair over all steps (transitions, <c>[from, to]</c>), of the first label and of the last.
    /// </summary>
    public (double[,] Emissions, double[,] Transitions, double[] Start, double[] End) Expectations() => Expectations(changed: false);

    /// <summary>The expected count of each label pair over the steps whose speaker changed (<paramref name="changed"/>) or not, and the other expectations.</summary>
    public (double[,] Emissions, double[,] Transitions, double[] Start, double[] End) Expectations(bool changed)
    {
        double logZ = LogPartition();
        var emissions = new double[Steps, Labels];
        var transitions = new double[Labels, Labels];
        var start = new double[Labels];
        var end = new double[Labels];
        foreach (var tags in AllSequences())
        {
            double p = Math.Exp(Score(tags) - logZ);
            for (int t = 0; t < Steps; t++) emissions[t, tags[t]] += p;
            for (int t = 1; t < Steps; t++)
                if (_changeTransitions is null || _changes[t] == changed) transitions[tags[t - 1], tags[t]] += p;
            start[tags[0]] += p;
            end[tags[^1]] += p;
        }
        return (emissions, transitions, start, end);
    }
}
