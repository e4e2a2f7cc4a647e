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
    public static float[] Marginals(ReadOnlySpan<float> emissions, int offset, int length, int labels,
        float[] transitions, float[] start, float[] end)
    {
        var alpha = new double[length * labels];
        var beta = new double[length * labels];
        var terms = new double[labels];
        for (int k = 0; k < labels; k++) alpha[k] = start[k] + emissions[offset + k];
        for (int t = 1; t < length; t++)
            for (int to = 0; to < labels; to++)
            {
                for (int from = 0; from < labels; from++) terms[from] = alpha[(t - 1) * labels + from] + transitions[from * labels + to];
                alpha[t * labels + to] = LogSumExp(terms) + emissions[offset + t * labels + to];
            }
        for (int k = 0; k < labels; k++) beta[(length - 1) * labels + k] = end[k];
        for (int t = length - 2; t >= 0; t--)
            for (int from = 0; from < labels; from++)
            {
                for (int to = 0; to < labels; to++)
                    terms[to] = transitions[from * labels + to] + emissions[offset + (t + 1) * labels + to] + beta[(t + 1) * labels + to];
                beta[t * labels + from] = LogSumExp(terms);
            }
        for (int k = 0; k < labels; k++) terms[k] = alpha[(length - 1) * labels + k] + end[k];
        double logZ = LogSumExp(terms);
        var marginals = new float[length * labels];
        for (int i = 0; i < marginals.Length; i++) marginals[i] = (float)Math.Exp(alpha[i] + beta[i] - logZ);
        return marginals;
    }

    private static double LogSumExp(double[] values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values) if (v > max) max = v;
        if (double.IsNegativeInfinity(max)) return max;
        double sum = 0;
        foreach (double v in values) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }
}
