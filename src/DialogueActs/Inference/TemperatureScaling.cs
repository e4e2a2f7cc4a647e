using DialogueActs.Modeling;

namespace DialogueActs.Inference;

/// <summary>
/// Temperature scaling of the CRF's confidences: every score of the CRF (emissions, transitions, start and end scores)
/// is divided by one temperature T before the marginals are computed. Each label sequence's score is divided alike, so
/// the Viterbi path (the labels) never changes; the marginals flatten for T &gt; 1 and sharpen for T &lt; 1. The
/// distribution over label sequences becomes <c>p(y)^(1/T)</c>, renormalised. T = 1 gives the CRF's own marginals.
/// </summary>
/// <remarks>
/// <see cref="Fit"/> picks the T that minimises the negative log-likelihood of the gold labels under the marginals, on
/// labelled conversations the model did not train on (the valid split), by golden-section search on <c>log T</c>.
/// Every confidence a tagger answers (tagging, sessions, HTTP) is computed at the model's temperature.
/// </remarks>
public static class TemperatureScaling
{
    /// <summary>The temperature that leaves the confidences as the CRF computes them.</summary>
    public const double Identity = 1;

    /// <summary>The lowest temperature <see cref="Fit"/> considers, and the lowest a model may have.</summary>
    public const double MinTemperature = 0.05;

    /// <summary>The highest temperature <see cref="Fit"/> considers, and the highest a model may have.</summary>
    public const double MaxTemperature = 20;

    /// <summary>How close (in <c>log T</c>) the search gets to the minimum before it stops.</summary>
    private const double Tolerance = 1e-4;

    /// <summary>
    /// The temperature in [<see cref="MinTemperature"/>, <see cref="MaxTemperature"/>] that minimises the mean negative
    /// log-likelihood of the gold labels under the marginals (<see cref="CalibrationData.NegativeLogLikelihood"/>):
    /// golden-section search on <c>log T</c>, to within 1e-4 of its minimum.
    /// </summary>
    /// <exception cref="DialogueActsException">No utterance of <paramref name="data"/> has a gold label the model knows.</exception>
    public static double Fit(CalibrationData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.KnownGoldCount == 0)
            throw new DialogueActsException("cannot fit a temperature: no utterance has a gold label the model knows");
        double Loss(double logT) => data.NegativeLogLikelihood(Math.Exp(logT));
        double ratio = (Math.Sqrt(5) - 1) / 2;                                                          // 0.618...
        double low = Math.Log(MinTemperature), high = Math.Log(MaxTemperature);
        double a = high - ratio * (high - low), b = low + ratio * (high - low);
        double fa = Loss(a), fb = Loss(b);
        while (high - low > Tolerance)
        {
            if (fa <= fb)
            {
                (high, b, fb) = (b, a, fa);
                a = high - ratio * (high - low);
                fa = Loss(a);
            }
            else
            {
                (low, a, fa) = (a, b, fb);
                b = low + ratio * (high - low);
                fb = Loss(b);
            }
        }
        return Math.Exp((low + high) / 2);
    }

    /// <summary>True for a temperature a model may have: from <see cref="MinTemperature"/> to <see cref="MaxTemperature"/>.</summary>
    internal static bool IsValid(double temperature) => temperature is >= MinTemperature and <= MaxTemperature;

    /// <summary>Throws unless <see cref="IsValid"/>.</summary>
    internal static void Check(double temperature, string parameter)
    {
        if (!IsValid(temperature))
            throw new ArgumentOutOfRangeException(parameter, temperature, $"The temperature must be between {MinTemperature} and {MaxTemperature}.");
    }

    /// <summary>
    /// Forward-backward of one conversation at a temperature: the recursion from which its marginals are read.
    /// </summary>
    /// <param name="scores">The CRF's scores as they are.</param>
    /// <param name="emissions">The conversation's emission scores as they are, row-major <c>[utterances, labels]</c>.</param>
    /// <param name="temperature">The temperature.</param>
    /// <param name="changes">Whether the speaker changed at each utterance, <c>[utterances]</c> (read by speaker-change transitions); null: none did.</param>
    internal static CrfInference.Recursion Recursion(CrfScores scores, float[] emissions, double temperature, bool[]? changes = null)
    {
        var scaled = scores.Scaled(temperature);
        var e = CrfScores.Scale(emissions, temperature);                                                // [n*K]
        int labels = scores.LabelCount;
        return CrfInference.ForwardBackward(scaled, scaled.Initial(e.AsSpan(0, labels)), e.AsSpan(labels), withEnd: true,
            changes is null ? default : changes.AsSpan(1));
    }
}
