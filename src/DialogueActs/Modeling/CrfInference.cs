using System.Numerics;

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
        var recursion = ForwardBackward(emissions, offset, length, labels, expTransitions, start, end);
        var marginals = new float[length * labels];
        Unary(recursion, length, labels, marginals);
        return marginals;
    }

    /// <summary>
    /// What the gradient of the log-partition function needs, for one sequence: <c>log Z</c>, the posterior of each label
    /// at each step (<c>∂ log Z / ∂ emission</c>) and the posterior of each label pair summed over the steps
    /// (<c>∂ log Z / ∂ transition</c>). The start and end scores' derivatives are the first and last rows of <paramref name="unary"/>.
    /// </summary>
    /// <param name="emissions">Row-major <c>[steps, labels]</c> scores (only the first <paramref name="length"/> rows are used).</param>
    /// <param name="offset">Index of the sequence's first score in <paramref name="emissions"/>.</param>
    /// <param name="length">Real steps of the sequence (at least 1).</param>
    /// <param name="labels">Number of labels.</param>
    /// <param name="expTransitions"><c>exp</c> of the row-major <c>[from, to]</c> transition scores.</param>
    /// <param name="start">Score of each label at the first step.</param>
    /// <param name="end">Score of each label at the last step.</param>
    /// <param name="unary">Receives the posteriors, row-major <c>[length, labels]</c>.</param>
    /// <param name="pairwise">Receives the summed pair posteriors, row-major <c>[from, to]</c>.</param>
    /// <returns><c>log Z</c>.</returns>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // hot loops run a few times per call: skip the unoptimised first tier
    public static double Expectations(ReadOnlySpan<float> emissions, int offset, int length, int labels,
        double[] expTransitions, float[] start, float[] end, Span<float> unary, Span<double> pairwise)
    {
        var recursion = ForwardBackward(emissions, offset, length, labels, expTransitions, start, end);
        Unary(recursion, length, labels, unary);
        pairwise.Clear();
        var (potential, alpha, beta, _) = recursion;
        var pair = new double[labels * labels];
        var weights = new double[labels];
        for (int t = 1; t < length; t++)
        {
            int previous = (t - 1) * labels, current = t * labels;
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
            MultiplyAdd(pair, 1 / total, pairwise);
        }
        return recursion.LogPartition;
    }

    /// <summary>The scaled recursions of one sequence: emission potentials, normalised forward and backward variables, and <c>log Z</c>.</summary>
    private readonly record struct Recursion(double[] Potential, double[] Alpha, double[] Beta, double LogPartition);

    private static Recursion ForwardBackward(ReadOnlySpan<float> emissions, int offset, int length, int labels,
        double[] expTransitions, float[] start, float[] end)
    {
        // Emission potentials, each row scaled by its maximum (the scale cancels in the posterior; log Z adds it back).
        var potential = new double[length * labels];
        double logPartition = 0;
        for (int t = 0; t < length; t++)
        {
            int row = offset + t * labels;
            float max = float.NegativeInfinity;
            for (int k = 0; k < labels; k++) max = Math.Max(max, emissions[row + k]);
            for (int k = 0; k < labels; k++) potential[t * labels + k] = Math.Exp(emissions[row + k] - max);
            logPartition += max;
        }
        var alpha = new double[length * labels];
        var beta = new double[length * labels];
        for (int k = 0; k < labels; k++) alpha[k] = Math.Exp(start[k]) * potential[k];
        logPartition += Math.Log(Normalise(alpha, 0, labels));
        for (int t = 1; t < length; t++)
        {
            int previous = (t - 1) * labels, current = t * labels;
            var next = alpha.AsSpan(current, labels);
            next.Clear();
            for (int from = 0; from < labels; from++)
                MultiplyAdd(expTransitions.AsSpan(from * labels, labels), alpha[previous + from], next);
            Multiply(next, potential.AsSpan(current, labels));
            logPartition += Math.Log(Normalise(alpha, current, labels));
        }
        int lastRow = (length - 1) * labels;
        double ending = 0;
        for (int k = 0; k < labels; k++) ending += alpha[lastRow + k] * Math.Exp(end[k]);
        logPartition += Math.Log(ending);
        for (int k = 0; k < labels; k++) beta[lastRow + k] = Math.Exp(end[k]);
        Normalise(beta, lastRow, labels);
        var weights = new double[labels];
        for (int t = length - 2; t >= 0; t--)
        {
            int current = t * labels, next = (t + 1) * labels;
            potential.AsSpan(next, labels).CopyTo(weights);                                                // potential · beta of the next step
            Multiply(weights, beta.AsSpan(next, labels));
            for (int from = 0; from < labels; from++) beta[current + from] = Dot(expTransitions.AsSpan(from * labels, labels), weights);
            Normalise(beta, current, labels);
        }
        return new Recursion(potential, alpha, beta, logPartition);
    }

    /// <summary>The posterior of each label at each step: <c>alpha · beta</c>, normalised per step.</summary>
    private static void Unary(Recursion recursion, int length, int labels, Span<float> marginals)
    {
        var (_, alpha, beta, _) = recursion;
        for (int t = 0; t < length; t++)
        {
            double total = 0;
            for (int k = 0; k < labels; k++) total += alpha[t * labels + k] * beta[t * labels + k];
            for (int k = 0; k < labels; k++) marginals[t * labels + k] = (float)(alpha[t * labels + k] * beta[t * labels + k] / total);
        }
    }

    /// <summary>
    /// How many conversations of a batch to decode at once: as many as libtorch has threads (the tagging call's share
    /// of the cores, <c>torch.set_num_threads</c>), one for a single conversation. Each conversation's result is computed
    /// alone, so the order does not change it.
    /// </summary>
    public static ParallelOptions Parallelism(int conversations) =>
        new() { MaxDegreeOfParallelism = Math.Max(1, Math.Min(conversations, TorchSharp.torch.get_num_threads())) };

    /// <summary><c>exp</c> of each transition score, for <see cref="Marginals"/> and <see cref="Expectations"/>.</summary>
    public static double[] Exp(float[] values) => values.Select(v => Math.Exp(v)).ToArray();

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

    /// <summary>Divides <paramref name="count"/> values from <paramref name="offset"/> by their sum, and returns the sum.</summary>
    public static double Normalise(double[] values, int offset, int count)
    {
        double sum = 0;
        for (int i = offset; i < offset + count; i++) sum += values[i];
        for (int i = offset; i < offset + count; i++) values[i] /= sum;
        return sum;
    }
}
