namespace DialogueActs.Modeling;

/// <summary>
/// Viterbi decoding and forward-backward marginals of a linear-chain CRF on managed arrays, in
/// double precision. At tagging time there is no autograd, and a per-step tensor loop would cost
/// more in dispatch than in arithmetic: for 41 labels a step is 1,681 multiply-adds.
/// </summary>
internal static class CrfInference
{
    /// <summary>The best path of one sequence and its score.</summary>
    /// <param name="emissions">Row-major <c>[steps, labels]</c> scores (only the first <paramref name="length"/> rows are used).</param>
    /// <param name="offset">Index of the sequence's first score in <paramref name="emissions"/>.</param>
    /// <param name="length">Real steps of the sequence (at least 1).</param>
    /// <param name="labels">Number of labels.</param>
    /// <param name="transitions">Row-major <c>[from, to]</c> transition scores.</param>
    /// <param name="start">Score of each label at the first step.</param>
    /// <param name="end">Score of each label at the last step.</param>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // hot loops run a few times per call: skip the unoptimised first tier
    public static (int[] Path, double Score) Viterbi(ReadOnlySpan<float> emissions, int offset, int length, int labels,
        float[] transitions, float[] start, float[] end)
    {
        var score = new double[labels];
        var next = new double[labels];
        var backPointers = new int[Math.Max(0, length - 1) * labels];
        for (int k = 0; k < labels; k++) score[k] = start[k] + emissions[offset + k];
        for (int t = 1; t < length; t++)
        {
            int row = offset + t * labels;
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
                backPointers[(t - 1) * labels + to] = arg;
            }
            (score, next) = (next, score);
        }
        double bestScore = double.NegativeInfinity;
        int last = 0;
        for (int k = 0; k < labels; k++)
        {
            double s = score[k] + end[k];
            if (s > bestScore) { bestScore = s; last = k; }
        }
        var path = new int[length];
        path[length - 1] = last;
        for (int t = length - 1; t > 0; t--) path[t - 1] = backPointers[(t - 1) * labels + path[t]];
        return (path, bestScore);
    }

    /// <summary>Posterior probability of each label at each step of one sequence, row-major <c>[length, labels]</c>.</summary>
    /// <remarks>
    /// Forward-backward in probability space with per-step normalisation (Rabiner's scaling): the
    /// exponentials are taken once per score instead of once per label pair, and the scale factors keep
    /// every value in range. <paramref name="expTransitions"/> is <c>exp(transitions)</c>.
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // hot loops run a few times per call: skip the unoptimised first tier
    public static float[] Marginals(ReadOnlySpan<float> emissions, int offset, int length, int labels,
        double[] expTransitions, float[] start, float[] end)
    {
        // Emission potentials, each row scaled by its maximum (the scale cancels in the posterior).
        var potential = new double[length * labels];
        for (int t = 0; t < length; t++)
        {
            int row = offset + t * labels;
            float max = float.NegativeInfinity;
            for (int k = 0; k < labels; k++) max = Math.Max(max, emissions[row + k]);
            for (int k = 0; k < labels; k++) potential[t * labels + k] = Math.Exp(emissions[row + k] - max);
        }
        var alpha = new double[length * labels];
        var beta = new double[length * labels];
        for (int k = 0; k < labels; k++) alpha[k] = Math.Exp(start[k]) * potential[k];
        Normalise(alpha, 0, labels);
        for (int t = 1; t < length; t++)
        {
            int previous = (t - 1) * labels, current = t * labels;
            for (int to = 0; to < labels; to++) alpha[current + to] = 0;
            for (int from = 0; from < labels; from++)
            {
                double a = alpha[previous + from];
                int row = from * labels;
                for (int to = 0; to < labels; to++) alpha[current + to] += a * expTransitions[row + to];
            }
            for (int to = 0; to < labels; to++) alpha[current + to] *= potential[current + to];
            Normalise(alpha, current, labels);
        }
        int lastRow = (length - 1) * labels;
        for (int k = 0; k < labels; k++) beta[lastRow + k] = Math.Exp(end[k]);
        Normalise(beta, lastRow, labels);
        for (int t = length - 2; t >= 0; t--)
        {
            int current = t * labels, next = (t + 1) * labels;
            for (int from = 0; from < labels; from++)
            {
                double sum = 0;
                int row = from * labels;
                for (int to = 0; to < labels; to++) sum += expTransitions[row + to] * potential[next + to] * beta[next + to];
                beta[current + from] = sum;
            }
            Normalise(beta, current, labels);
        }
        var marginals = new float[length * labels];
        for (int t = 0; t < length; t++)
        {
            double total = 0;
            for (int k = 0; k < labels; k++) total += alpha[t * labels + k] * beta[t * labels + k];
            for (int k = 0; k < labels; k++) marginals[t * labels + k] = (float)(alpha[t * labels + k] * beta[t * labels + k] / total);
        }
        return marginals;
    }

    /// <summary>
    /// How many conversations of a batch to decode at once: as many as libtorch has threads (the tagging call's share
    /// of the cores, <c>torch.set_num_threads</c>), one for a single conversation. Each conversation's result is computed
    /// alone, so the order does not change it.
    /// </summary>
    public static ParallelOptions Parallelism(int conversations) =>
        new() { MaxDegreeOfParallelism = Math.Max(1, Math.Min(conversations, TorchSharp.torch.get_num_threads())) };

    /// <summary><c>exp</c> of each transition score, for <see cref="Marginals"/>.</summary>
    public static double[] Exp(float[] values) => values.Select(v => Math.Exp(v)).ToArray();

    /// <summary>Divides <paramref name="count"/> values from <paramref name="offset"/> by their sum.</summary>
    public static void Normalise(double[] values, int offset, int count)
    {
        double sum = 0;
        for (int i = offset; i < offset + count; i++) sum += values[i];
        for (int i = offset; i < offset + count; i++) values[i] /= sum;
    }
}
