namespace DialogueActs.Modeling;

/// <summary>
/// A linear-chain CRF read one step at a time, for one sequence: after each step, the filtering probabilities of the
/// new step and the labels of a window of the last <c>lag + 1</c> steps, decoded jointly given everything seen so far.
/// The work per step is O((lag + 1) · labels²) whatever the sequence's length.
/// </summary>
/// <remarks>
/// <para>
/// The forward variables <c>α_t(y) ∝ p(y_t = y | x_0..t)</c> follow from <c>α_{t-1}</c> alone, so each step is
/// constant work. The window <c>s..t</c> (<c>s = max(0, t − lag)</c>) then has the exact posterior
/// <c>p(y_s..y_t | x_0..t) ∝ α_s(y_s) · Π_{i>s} exp(transition(y_{i-1}, y_i) + emission_i(y_i))</c>: the steps
/// before the window are summed out by <c>α_s</c>. Its most probable labelling (Viterbi from <c>log α_s</c>) gives the
/// window's labels, and its marginals (backward from the window's end) give their confidences.
/// </para>
/// <para>
/// At lag 0 the window is the new step alone: its label is the argmax of the filtering probabilities. When the window
/// reaches the first step and the sequence is ended with <see cref="End"/> (which adds the end scores), the labels are
/// the offline Viterbi path. Probabilities are kept normalised, with each step's emissions scaled by their maximum
/// (Rabiner's scaling), in double precision.
/// </para>
/// </remarks>
internal sealed class FixedLagCrf
{
    private readonly int _labels;
    private readonly int _lag;
    private readonly CrfScores _scores;
    private readonly double[] _expTransitions;                                                         // [from, to]
    private readonly List<Step> _window = new();                                                       // the last lag + 1 steps
    private int _count;

    /// <summary>Starts a sequence.</summary>
    /// <param name="scores">The CRF's scores.</param>
    /// <param name="lag">How many steps back a new step may revise; at least 0.</param>
    public FixedLagCrf(CrfScores scores, int lag)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lag);
        _scores = scores;
        _labels = scores.LabelCount;
        _lag = lag;
        _expTransitions = CrfInference.Exp(scores.Transitions);
    }

    /// <summary>Steps read so far.</summary>
    public int Count => _count;

    /// <summary>The index of the window's first step (valid after the first <see cref="Add"/>).</summary>
    public int WindowStart => _count - _window.Count;

    /// <summary>
    /// Reads the next step's emission scores and decodes the window <c>max(0, t − lag)..t</c>.
    /// </summary>
    /// <param name="emissions">The step's emission scores, <c>[labels]</c>.</param>
    /// <returns>The window's labels and their posterior probabilities, in step order (the new step last), and the new step's filtering probabilities.</returns>
    public (int[] Labels, double[] Confidences, double[] Filtering) Add(ReadOnlySpan<float> emissions)
    {
        if (emissions.Length != _labels) throw new ArgumentException($"Expected {_labels} emission scores but got {emissions.Length}.", nameof(emissions));
        var potential = Potentials(emissions);                                                         // [K]
        var alpha = new double[_labels];                                                               // [K]
        if (_window.Count == 0)
        {
            for (int k = 0; k < _labels; k++) alpha[k] = Math.Exp(_scores.Start[k]) * potential[k];
        }
        else
        {
            var previous = _window[^1].Alpha;
            for (int from = 0; from < _labels; from++)
            {
                double a = previous[from];
                int row = from * _labels;
                for (int to = 0; to < _labels; to++) alpha[to] += a * _expTransitions[row + to];
            }
            for (int k = 0; k < _labels; k++) alpha[k] *= potential[k];
        }
        Normalise(alpha);
        _window.Add(new Step(emissions.ToArray(), potential, alpha));
        if (_window.Count > _lag + 1) _window.RemoveAt(0);
        _count++;
        var (labels, confidences) = Decode(0, ended: false);
        return (labels, confidences, alpha);
    }

    /// <summary>
    /// Ends the sequence: decodes the steps still open to revision (the last <c>lag</c>) with the CRF's end scores.
    /// </summary>
    /// <returns>The index of the first open step, and the open steps' labels and probabilities in order; empty at lag 0 or before any step.</returns>
    public (int Start, int[] Labels, double[] Confidences) End()
    {
        int open = Math.Min(_lag, _window.Count);
        if (open == 0) return (_count, [], []);
        var (labels, confidences) = Decode(_window.Count - open, ended: true);
        return (_count - open, labels, confidences);
    }

    /// <summary>The most probable labelling of the window's steps from <paramref name="first"/> on, and each step's posterior probability.</summary>
    private (int[] Labels, double[] Confidences) Decode(int first, bool ended)
    {
        int length = _window.Count - first, k = _labels;
        // Viterbi from log α at the window's first step.
        var score = new double[k];
        var next = new double[k];
        var backPointers = new int[Math.Max(0, length - 1) * k];
        var alphaFirst = _window[first].Alpha;
        for (int y = 0; y < k; y++) score[y] = Math.Log(alphaFirst[y]);
        for (int i = 1; i < length; i++)
        {
            var emissions = _window[first + i].Emissions;
            for (int to = 0; to < k; to++)
            {
                double best = double.NegativeInfinity;
                int arg = 0;
                for (int from = 0; from < k; from++)
                {
                    double candidate = score[from] + _scores.Transitions[from * k + to];
                    if (candidate > best) { best = candidate; arg = from; }
                }
                next[to] = best + emissions[to];
                backPointers[(i - 1) * k + to] = arg;
            }
            (score, next) = (next, score);
        }
        int last = 0;
        double bestScore = double.NegativeInfinity;
        for (int y = 0; y < k; y++)
        {
            double s = score[y] + (ended ? _scores.End[y] : 0);
            if (s > bestScore) { bestScore = s; last = y; }
        }
        var labels = new int[length];
        labels[length - 1] = last;
        for (int i = length - 1; i > 0; i--) labels[i - 1] = backPointers[(i - 1) * k + labels[i]];

        // Posterior of each window step: α_i(y) · β_i(y), β from the window's end (the end scores once ended).
        var confidences = new double[length];
        var beta = new double[k];
        var previousBeta = new double[k];
        for (int y = 0; y < k; y++) beta[y] = ended ? Math.Exp(_scores.End[y]) : 1;
        Normalise(beta);
        for (int i = length - 1; i >= 0; i--)
        {
            var alpha = _window[first + i].Alpha;
            double total = 0;
            for (int y = 0; y < k; y++) total += alpha[y] * beta[y];
            confidences[i] = alpha[labels[i]] * beta[labels[i]] / total;
            if (i == 0) break;
            var potential = _window[first + i].Potential;
            (beta, previousBeta) = (previousBeta, beta);
            for (int from = 0; from < k; from++)
            {
                double sum = 0;
                int row = from * k;
                for (int to = 0; to < k; to++) sum += _expTransitions[row + to] * potential[to] * previousBeta[to];
                beta[from] = sum;
            }
            Normalise(beta);
        }
        return (labels, confidences);
    }

    /// <summary><c>exp(emission − max)</c>: the step's potentials, scaled (the scale cancels in every probability).</summary>
    private double[] Potentials(ReadOnlySpan<float> emissions)
    {
        float max = float.NegativeInfinity;
        foreach (float e in emissions) max = Math.Max(max, e);
        var potential = new double[_labels];
        for (int y = 0; y < _labels; y++) potential[y] = Math.Exp((double)emissions[y] - max);
        return potential;
    }

    private static void Normalise(double[] values) => CrfInference.Normalise(values, 0, values.Length);

    /// <summary>One step in the window: its emission scores, scaled potentials and normalised forward variables.</summary>
    private sealed record Step(float[] Emissions, double[] Potential, double[] Alpha);
}
