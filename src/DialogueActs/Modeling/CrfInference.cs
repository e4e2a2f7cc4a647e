using System.Numerics;
using System.Runtime.CompilerServices;

namespace DialogueActs.Modeling;

/// <summary>
/// The recursions of a linear-chain CRF on managed arrays, in double precision, written once for every path: the
/// offline NLL, marginals and Viterbi of whole sequences (<see cref="LinearChainCrf"/>) and the window of the CRF read
/// one step at a time (<see cref="FixedLagCrf"/>). At these sizes a per-step tensor loop would cost more in dispatch
/// than in arithmetic (for 41 labels a step is 1,681 multiply-adds), and managed sequences run in parallel.
/// </summary>
/// <remarks>
/// <para>
/// Each recursion runs over a <em>chain</em>: an initial score vector <c>initial[y]</c> for its first step (everything
/// before and at that step already summed in), the emission rows of the later steps, and the end scores or none. The
/// score of labels <c>y_0..y_n-1</c> is <c>initial[y_0] + Σ_{t&gt;0} (transitions[y_{t-1}, y_t] + e_t[y_t])</c>
/// <c>(+ end[y_n-1])</c>, where <c>e_t</c> is step t's emission row (row <c>t − 1</c> of the <c>emissions</c> argument). A whole sequence is the chain from <see cref="CrfScores.Initial"/> (start scores plus the
/// first emissions) with the end scores; a fixed-lag window starting at step <c>s</c> is the chain from
/// <c>log α_s</c>, whose earlier steps are summed out.
/// </para>
/// <para>
/// Forward-backward runs in probability space with per-step normalisation (Rabiner's scaling): the exponentials are
/// taken once per score instead of once per label pair, and the scale factors keep every value in range.
/// </para>
/// </remarks>
internal static class CrfInference
{
    /// <summary>The best labelling of a chain and its score.</summary>
    /// <param name="crf">The transition (and end) scores.</param>
    /// <param name="initial">Score of each label at the chain's first step, <c>[labels]</c>.</param>
    /// <param name="emissions">Row-major emission scores of the later steps, <c>[steps - 1, labels]</c>.</param>
    /// <param name="withEnd">Whether the last step adds the end scores.</param>
    /// <param name="changes">Whether the speaker changed at each later step (<see cref="CrfScores.TransitionsInto"/>), <c>[steps - 1]</c>; empty when none did.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops run a few times per call: skip the unoptimised first tier
    public static (int[] Path, double Score) Viterbi(CrfScores crf, ReadOnlySpan<double> initial, ReadOnlySpan<float> emissions, bool withEnd,
        ReadOnlySpan<bool> changes = default)
    {
        int labels = crf.LabelCount, length = Steps(crf, initial, emissions, changes);
        var score = initial.ToArray();                                                                 // [K]
        var next = new double[labels];                                                                 // [K]
        var backPointers = new int[(length - 1) * labels];                                             // [steps - 1, K]
        for (int t = 1; t < length; t++)
        {
            int row = (t - 1) * labels;
            var transitions = crf.TransitionsInto(Changed(changes, t));
            for (int to = 0; to < labels; to++)
            {
                double best = double.NegativeInfinity;
                int arg = 0;
                for (int from = 0; from < labels; from++)
                {
                    double candidate = score[from] + transitions[from * labels + to];
                    if (candidate > best) { best = candidate; arg = from; }
                }
                next[to] = best + emissions[row + to];
                backPointers[row + to] = arg;
            }
            (score, next) = (next, score);
        }
        double bestScore = double.NegativeInfinity;
        int last = 0;
        for (int k = 0; k < labels; k++)
        {
            double s = score[k] + (withEnd ? crf.End[k] : 0);
            if (s > bestScore) { bestScore = s; last = k; }
        }
        var path = new int[length];
        path[length - 1] = last;
        for (int t = length - 1; t > 0; t--) path[t - 1] = backPointers[(t - 1) * labels + path[t]];
        return (path, bestScore);
    }

    /// <summary>
    /// The filtering probabilities of a chain: at each step, the normalised forward variables <c>α_t(y) ∝ p(y_t = y | steps 0..t)</c>
    /// (no end scores), row-major <c>[steps, labels]</c>.
    /// </summary>
    /// <param name="crf">The transition scores.</param>
    /// <param name="initial">Score of each label at the chain's first step, <c>[labels]</c>.</param>
    /// <param name="emissions">Row-major emission scores of the later steps, <c>[steps - 1, labels]</c>.</param>
    /// <param name="changes">Whether the speaker changed at each later step, <c>[steps - 1]</c>; empty when none did.</param>
    public static double[] Filtering(CrfScores crf, ReadOnlySpan<double> initial, ReadOnlySpan<float> emissions, ReadOnlySpan<bool> changes = default)
    {
        int length = Steps(crf, initial, emissions, changes), labels = crf.LabelCount;
        var potential = new double[length * labels];
        var alpha = new double[length * labels];
        Forward(crf, initial, emissions, changes, potential, alpha);
        return alpha;
    }

    /// <summary>Forward-backward over a chain: everything its posteriors and <c>log Z</c> are read from.</summary>
    /// <param name="crf">The transition (and end) scores.</param>
    /// <param name="initial">Score of each label at the chain's first step, <c>[labels]</c>.</param>
    /// <param name="emissions">Row-major emission scores of the later steps, <c>[steps - 1, labels]</c>.</param>
    /// <param name="withEnd">Whether the last step adds the end scores.</param>
    /// <param name="changes">Whether the speaker changed at each later step, <c>[steps - 1]</c>; empty when none did.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops run a few times per call: skip the unoptimised first tier
    public static Recursion ForwardBackward(CrfScores crf, ReadOnlySpan<double> initial, ReadOnlySpan<float> emissions, bool withEnd,
        ReadOnlySpan<bool> changes = default)
    {
        int length = Steps(crf, initial, emissions, changes), labels = crf.LabelCount;
        var potential = new double[length * labels];                                                   // [steps, K]
        var alpha = new double[length * labels];                                                       // [steps, K]
        var beta = new double[length * labels];                                                        // [steps, K]
        double logPartition = Forward(crf, initial, emissions, changes, potential, alpha);
        int lastRow = (length - 1) * labels;
        for (int k = 0; k < labels; k++) beta[lastRow + k] = withEnd ? Math.Exp(crf.End[k]) : 1;
        logPartition += Math.Log(Dot(alpha.AsSpan(lastRow, labels), beta.AsSpan(lastRow, labels)));    // Σ α · exp(end); 0 without the end
        Normalise(beta.AsSpan(lastRow, labels));
        var weights = new double[labels];                                                              // [K]
        for (int t = length - 2; t >= 0; t--)
        {
            int current = t * labels, next = (t + 1) * labels;
            var expTransitions = crf.ExpTransitionsInto(Changed(changes, t + 1));
            potential.AsSpan(next, labels).CopyTo(weights);                                                // potential · beta of the next step
            Multiply(weights, beta.AsSpan(next, labels));
            for (int from = 0; from < labels; from++) beta[current + from] = Dot(expTransitions.AsSpan(from * labels, labels), weights);
            Normalise(beta.AsSpan(current, labels));
        }
        return new Recursion(labels, potential, alpha, beta, logPartition);
    }

    /// <summary>
    /// What the gradient of the log-partition function needs, for one whole sequence (start and end scores included):
    /// <c>log Z</c>, the posterior of each label at each step (<c>∂ log Z / ∂ emission</c>) and the posterior of each label
    /// pair summed over the steps (<c>∂ log Z / ∂ transition</c>). The start and end scores' derivatives are the first and
    /// last rows of <paramref name="unary"/>.
    /// </summary>
    /// <param name="crf">The CRF's scores.</param>
    /// <param name="emissions">Row-major <c>[length, labels]</c> emission scores of the sequence (at least one step).</param>
    /// <param name="unary">Receives the posteriors, row-major <c>[length, labels]</c>.</param>
    /// <param name="pairwise">
    /// Receives the summed pair posteriors, row-major <c>[from, to]</c>; with speaker-change transitions
    /// <c>[2, from, to]</c>, the steps without a change first.
    /// </param>
    /// <param name="changes">Whether the speaker changed at each step after the first, <c>[length - 1]</c>; empty when none did.</param>
    /// <returns><c>log Z</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops run a few times per call: skip the unoptimised first tier
    public static double Expectations(CrfScores crf, ReadOnlySpan<float> emissions, Span<float> unary, Span<double> pairwise,
        ReadOnlySpan<bool> changes = default)
    {
        int labels = crf.LabelCount, length = emissions.Length / labels;
        var recursion = ForwardBackward(crf, crf.Initial(emissions[..labels]), emissions[labels..], withEnd: true, changes);
        recursion.Unary(unary);
        pairwise.Clear();
        var (_, potential, alpha, beta, _) = recursion;
        var pair = new double[labels * labels];                                                        // [K_from, K_to]
        var weights = new double[labels];                                                              // [K]
        for (int t = 1; t < length; t++)
        {
            int previous = (t - 1) * labels, current = t * labels;
            bool changed = Changed(changes, t) && crf.ChangeTransitions is not null;
            var expTransitions = crf.ExpTransitionsInto(changed);
            potential.AsSpan(current, labels).CopyTo(weights);                                             // potential · beta of this step
            Multiply(weights, beta.AsSpan(current, labels));
            pair.AsSpan().Clear();
            double total = 0;
            for (int from = 0; from < labels; from++)
            {
                var row = pair.AsSpan(from * labels, labels);
                MultiplyAdd(expTransitions.AsSpan(from * labels, labels), alpha[previous + from], row);
                Multiply(row, weights);
                total += Sum(row);
            }
            MultiplyAdd(pair, 1 / total, pairwise.Slice(changed ? labels * labels : 0, labels * labels));
        }
        return recursion.LogPartition;
    }

    /// <summary>
    /// The scaled recursions of one chain, row-major <c>[steps, labels]</c> each: the emission potentials
    /// (<c>exp(score − row max)</c>, the first row from the initial scores), the forward variables normalised per step
    /// (<c>α_t ∝ p(y_t | steps 0..t)</c>) and the backward variables normalised per step; and <c>log Z</c>.
    /// </summary>
    /// <param name="Labels">Number of labels.</param>
    /// <param name="Potential">Scaled emission potentials, <c>[steps, labels]</c>.</param>
    /// <param name="Alpha">Normalised forward variables, <c>[steps, labels]</c>.</param>
    /// <param name="Beta">Normalised backward variables, <c>[steps, labels]</c>.</param>
    /// <param name="LogPartition"><c>log Σ_y exp(score(y))</c> over the chain.</param>
    internal readonly record struct Recursion(int Labels, double[] Potential, double[] Alpha, double[] Beta, double LogPartition)
    {
        /// <summary>The posterior probability of <paramref name="label"/> at <paramref name="step"/>: <c>α · β</c>, normalised over the labels.</summary>
        public double Posterior(int step, int label)
        {
            int row = step * Labels;
            return Alpha[row + label] * Beta[row + label] / Total(Alpha.AsSpan(row, Labels), Beta.AsSpan(row, Labels));
        }

        /// <summary>Writes the posterior of each label at each step, row-major <c>[steps, labels]</c>.</summary>
        public void Unary(Span<float> marginals)
        {
            int labels = Labels;
            var (alpha, beta) = (Alpha, Beta);                                                         // locals: the loop writes through a span
            for (int row = 0; row < alpha.Length; row += labels)
            {
                var a = alpha.AsSpan(row, labels);
                var b = beta.AsSpan(row, labels);
                var target = marginals.Slice(row, labels);
                double total = Total(a, b);
                for (int k = 0; k < a.Length; k++) target[k] = (float)(a[k] * b[k] / total);
            }
        }

        /// <summary><c>Σ α · β</c> of one step.</summary>
        private static double Total(ReadOnlySpan<double> alpha, ReadOnlySpan<double> beta)
        {
            double total = 0;
            for (int k = 0; k < alpha.Length; k++) total += alpha[k] * beta[k];
            return total;
        }
    }

    /// <summary>
    /// The forward recursion, the one place it is written: fills the scaled potentials and the normalised forward
    /// variables of a chain, and returns the log of what the normalisations removed (<c>log Z</c> without end scores).
    /// </summary>
    private static double Forward(CrfScores crf, ReadOnlySpan<double> initial, ReadOnlySpan<float> emissions, ReadOnlySpan<bool> changes,
        Span<double> potential, Span<double> alpha)
    {
        int labels = crf.LabelCount, length = alpha.Length / labels;
        // Potentials, each row scaled by its maximum (the scale cancels in every probability; log Z adds it back).
        double max = double.NegativeInfinity;
        foreach (double s in initial) max = Math.Max(max, s);
        for (int k = 0; k < labels; k++) potential[k] = Math.Exp(initial[k] - max);
        double logPartition = max;
        for (int t = 1; t < length; t++)
        {
            var row = emissions.Slice((t - 1) * labels, labels);
            float rowMax = float.NegativeInfinity;
            foreach (float e in row) rowMax = Math.Max(rowMax, e);
            for (int k = 0; k < labels; k++) potential[t * labels + k] = Math.Exp((double)row[k] - rowMax);
            logPartition += rowMax;
        }
        potential[..labels].CopyTo(alpha);
        logPartition += Math.Log(Normalise(alpha[..labels]));
        for (int t = 1; t < length; t++)
        {
            var previous = alpha.Slice((t - 1) * labels, labels);
            var next = alpha.Slice(t * labels, labels);
            var expTransitions = crf.ExpTransitionsInto(Changed(changes, t));
            next.Clear();
            for (int from = 0; from < labels; from++)
                MultiplyAdd(expTransitions.AsSpan(from * labels, labels), previous[from], next);
            Multiply(next, potential.Slice(t * labels, labels));
            logPartition += Math.Log(Normalise(next));
        }
        return logPartition;
    }

    /// <summary>The number of steps of a chain; throws unless its vectors fit the labels.</summary>
    private static int Steps(CrfScores crf, ReadOnlySpan<double> initial, ReadOnlySpan<float> emissions, ReadOnlySpan<bool> changes)
    {
        int labels = crf.LabelCount;
        if (initial.Length != labels || emissions.Length % labels != 0)
            throw new ArgumentException($"A chain of {labels} labels needs {labels} initial scores and whole emission rows " +
                                        $"but got {initial.Length} and {emissions.Length} scores.", nameof(emissions));
        if (!changes.IsEmpty && changes.Length != emissions.Length / labels)
            throw new ArgumentException($"A chain of {1 + emissions.Length / labels} steps needs {emissions.Length / labels} speaker-change flags but got {changes.Length}.", nameof(changes));
        return 1 + emissions.Length / labels;
    }

    /// <summary>Whether the speaker changed at chain step <paramref name="step"/> (≥ 1): its flag, or false without flags.</summary>
    private static bool Changed(ReadOnlySpan<bool> changes, int step) => !changes.IsEmpty && changes[step - 1];

    /// <summary>
    /// How many conversations of a batch to decode at once: as many as libtorch has threads (the tagging call's share
    /// of the cores, <c>torch.set_num_threads</c>), one for a single conversation. Each conversation's result is computed
    /// alone, so the order does not change it.
    /// </summary>
    public static ParallelOptions Parallelism(int conversations) =>
        new() { MaxDegreeOfParallelism = Math.Max(1, Math.Min(conversations, TorchSharp.torch.get_num_threads())) };

    /// <summary><c>target += x · scale</c>, element-wise.</summary>
    private static void MultiplyAdd(ReadOnlySpan<double> x, double scale, Span<double> target)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var factor = new Vector<double>(scale);
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
                (new Vector<double>(target[i..]) + new Vector<double>(x[i..]) * factor).CopyTo(target[i..]);
        }
        for (; i < x.Length; i++) target[i] += x[i] * scale;
    }

    /// <summary><c>target *= x</c>, element-wise.</summary>
    private static void Multiply(Span<double> target, ReadOnlySpan<double> x)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
                (new Vector<double>(target[i..]) * new Vector<double>(x[i..])).CopyTo(target[i..]);
        for (; i < x.Length; i++) target[i] *= x[i];
    }

    /// <summary>The dot product of two spans of equal length.</summary>
    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int i = 0;
        var sums = Vector<double>.Zero;
        if (Vector.IsHardwareAccelerated)
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
                sums += new Vector<double>(x[i..]) * new Vector<double>(y[i..]);
        double sum = Vector.Sum(sums);
        for (; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }

    /// <summary>The sum of a span.</summary>
    private static double Sum(ReadOnlySpan<double> x)
    {
        int i = 0;
        var sums = Vector<double>.Zero;
        if (Vector.IsHardwareAccelerated)
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
                sums += new Vector<double>(x[i..]);
        double sum = Vector.Sum(sums);
        for (; i < x.Length; i++) sum += x[i];
        return sum;
    }

    /// <summary>Divides the values by their sum, and returns the sum.</summary>
    private static double Normalise(Span<double> values)
    {
        double sum = 0;
        foreach (double v in values) sum += v;
        for (int i = 0; i < values.Length; i++) values[i] /= sum;
        return sum;
    }
}
