namespace DialogueActs.Training.Evaluation;

/// <summary>One bin of a reliability diagram: the utterances whose confidence falls in <c>[Lower, Upper)</c> (the last bin includes 1).</summary>
/// <param name="Lower">The bin's lower edge.</param>
/// <param name="Upper">The bin's upper edge.</param>
/// <param name="Count">Utterances in the bin.</param>
/// <param name="Confidence">Their mean confidence (0 for an empty bin).</param>
/// <param name="Accuracy">The fraction of them whose label is right (0 for an empty bin).</param>
public sealed record ReliabilityBin(double Lower, double Upper, int Count, double Confidence, double Accuracy);

/// <summary>
/// How well confidences match accuracy on labelled utterances. The confidence of an utterance is the probability of the
/// label answered for it (the Viterbi label's marginal, the <c>confidence</c> of every answer); it is right when that
/// label is the gold one.
/// </summary>
/// <param name="Ece">
/// The expected calibration error: the utterances in <see cref="BinCount"/> equal-width bins of confidence,
/// <c>Σ_b (n_b / n) · |accuracy_b − mean confidence_b|</c>.
/// </param>
/// <param name="Brier">The multi-class Brier score: the mean over utterances of <c>Σ_labels (p − 1[gold])²</c>, in [0, 2].</param>
/// <param name="NegativeLogLikelihood">The mean of <c>−log p(gold)</c> over the utterances whose gold label the model has (probabilities floored at 1e-12).</param>
/// <param name="Bins">The <see cref="BinCount"/> bins, lowest confidence first.</param>
public sealed record CalibrationMetrics(double Ece, double Brier, double NegativeLogLikelihood, IReadOnlyList<ReliabilityBin> Bins)
{
    /// <summary>The number of equal-width confidence bins of <see cref="Ece"/>.</summary>
    public const int BinCount = 15;

    /// <summary>Computes the metrics.</summary>
    /// <param name="predicted">The label index answered for each utterance.</param>
    /// <param name="gold">The gold label index of each utterance; -1 for a label the model does not have (always wrong).</param>
    /// <param name="probabilities">The probability of every label at each utterance, <c>[utterances][labels]</c>.</param>
    /// <exception cref="ArgumentException">The lists differ in length, or there are none.</exception>
    public static CalibrationMetrics Compute(IReadOnlyList<int> predicted, IReadOnlyList<int> gold, IReadOnlyList<float[]> probabilities)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(probabilities);
        int n = predicted.Count;
        if (n == 0 || gold.Count != n || probabilities.Count != n)
            throw new ArgumentException($"Calibration needs as many gold labels and probability rows as predictions (at least one) but got {n}, {gold.Count} and {probabilities.Count}.", nameof(probabilities));
        var counts = new int[BinCount];
        var confidences = new double[BinCount];
        var correct = new int[BinCount];
        double brier = 0, nll = 0;
        int known = 0;
        for (int i = 0; i < n; i++)
        {
            var p = probabilities[i];
            double confidence = p[predicted[i]];
            int bin = Math.Clamp((int)(confidence * BinCount), 0, BinCount - 1);
            counts[bin]++;
            confidences[bin] += confidence;
            if (predicted[i] == gold[i]) correct[bin]++;
            double squares = gold[i] < 0 ? 1 : 0;                                                       // the gold label's own term: probability 0
            for (int k = 0; k < p.Length; k++)
            {
                double error = p[k] - (k == gold[i] ? 1 : 0);
                squares += error * error;
            }
            brier += squares;
            if (gold[i] >= 0)
            {
                nll -= Math.Log(Math.Max(p[gold[i]], 1e-12));
                known++;
            }
        }
        var bins = new ReliabilityBin[BinCount];
        double ece = 0;
        for (int b = 0; b < BinCount; b++)
        {
            double meanConfidence = counts[b] == 0 ? 0 : confidences[b] / counts[b];
            double accuracy = counts[b] == 0 ? 0 : (double)correct[b] / counts[b];
            bins[b] = new ReliabilityBin((double)b / BinCount, (double)(b + 1) / BinCount, counts[b], meanConfidence, accuracy);
            ece += (double)counts[b] / n * Math.Abs(accuracy - meanConfidence);
        }
        return new CalibrationMetrics(ece, brier / n, known == 0 ? 0 : nll / known, bins);
    }
}
