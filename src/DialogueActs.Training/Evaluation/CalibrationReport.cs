using DialogueActs.Inference;

namespace DialogueActs.Training.Evaluation;

/// <summary>
/// How well a model's confidences are calibrated on labelled conversations, before and after temperature scaling
/// (<see cref="TemperatureScaling"/>), and the honest estimate for the conversations the temperature is fitted on:
/// 2-fold cross-fitting.
/// </summary>
/// <param name="Temperature">The model's temperature.</param>
/// <param name="Before">The metrics of the CRF's own marginals (temperature 1).</param>
/// <param name="After">The metrics at the model's temperature. On the conversations it was fitted on (the valid split) they are optimistic: read <paramref name="CrossFitted"/>.</param>
/// <param name="CrossFitted">
/// The metrics when the temperature is fitted on one half of these conversations (those at even positions, then those at
/// odd ones) and measured on the other, pooled over both halves; null with fewer than two conversations.
/// </param>
/// <param name="CrossFitTemperatures">The temperatures fitted on the two halves (even positions first); empty without <paramref name="CrossFitted"/>.</param>
public sealed record CalibrationReport(double Temperature, CalibrationMetrics Before, CalibrationMetrics After,
    CalibrationMetrics? CrossFitted, IReadOnlyList<double> CrossFitTemperatures)
{
    /// <summary>Measures calibration on <paramref name="data"/> for a model at <paramref name="temperature"/>.</summary>
    public static CalibrationReport Compute(CalibrationData data, double temperature)
    {
        ArgumentNullException.ThrowIfNull(data);
        var predicted = data.Predicted;
        var gold = data.Gold;
        var before = CalibrationMetrics.Compute(predicted, gold, data.Probabilities(TemperatureScaling.Identity));
        var after = temperature == TemperatureScaling.Identity ? before : CalibrationMetrics.Compute(predicted, gold, data.Probabilities(temperature));
        var (crossFitted, temperatures) = CrossFit(data);
        return new CalibrationReport(temperature, before, after, crossFitted, temperatures);
    }

    /// <summary>Fits on each half and measures on the other; the measurements pooled.</summary>
    private static (CalibrationMetrics?, IReadOnlyList<double>) CrossFit(CalibrationData data)
    {
        if (data.ConversationCount < 2) return (null, []);
        int[][] folds =
        [
            Enumerable.Range(0, data.ConversationCount).Where(c => c % 2 == 0).ToArray(),
            Enumerable.Range(0, data.ConversationCount).Where(c => c % 2 == 1).ToArray(),
        ];
        var halves = folds.Select(data.Subset).ToArray();
        if (halves.Any(h => h.KnownGoldCount == 0)) return (null, []);
        var temperatures = halves.Select(TemperatureScaling.Fit).ToArray();
        var predicted = new List<int>();
        var gold = new List<int>();
        var probabilities = new List<float[]>();
        for (int f = 0; f < 2; f++)
        {
            var measured = halves[1 - f];
            predicted.AddRange(measured.Predicted);
            gold.AddRange(measured.Gold);
            probabilities.AddRange(measured.Probabilities(temperatures[f]));
        }
        return (CalibrationMetrics.Compute(predicted, gold, probabilities), temperatures);
    }
}
