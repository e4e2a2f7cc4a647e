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
/// window's labels, and its marginals (forward-backward over the window) give their confidences.
/// </para>
/// <para>
/// At lag 0 the window is the new step alone: its label is the argmax of the filtering probabilities. When the window
/// reaches the first step and the sequence is ended with <see cref="End"/> (which adds the end scores), the labels are
/// the offline Viterbi path. Every recursion is <see cref="CrfInference"/>'s, the one the offline path runs: the new
/// step's <c>α_t</c> is the forward recursion over the chain from <c>log α_{t-1}</c>, and the window's labels and
/// confidences are Viterbi and forward-backward over the chain from <c>log α_s</c>.
/// </para>
/// <para>
/// With a temperature T ≠ 1 the confidences and filtering probabilities are those of the CRF with every score divided by T
/// (<see cref="CrfScores.Scaled"/>), run as a second chain beside the first; the labels stay those of the unscaled CRF, so
/// a temperature never changes a label.
/// </para>
/// </remarks>
internal sealed class FixedLagCrf
{
    private readonly int _labels;
    private readonly int _lag;
    private readonly CrfScores _scores;
    private readonly CrfScores _scaled;                                                                // the scores divided by the temperature
    private readonly double _temperature;
    private readonly List<Step> _window = new();                                                       // the last lag + 1 steps
    private int _count;

    /// <summary>Starts a sequence.</summary>
    /// <param name="scores">The CRF's scores.</param>
    /// <param name="lag">How many steps back a new step may revise; at least 0.</param>
    /// <param name="temperature">The temperature of the confidences and filtering probabilities (1: the CRF's own).</param>
    public FixedLagCrf(CrfScores scores, int lag, double temperature = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lag);
        if (!double.IsFinite(temperature) || temperature <= 0) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be positive.");
        _scores = scores;
        _scaled = scores.Scaled(temperature);
        _temperature = temperature;
        _labels = scores.LabelCount;
        _lag = lag;
    }

    /// <summary>Steps read so far.</summary>
    public int Count => _count;

    /// <summary>How many steps back a new step may revise.</summary>
    public int Lag => _lag;

    /// <summary>
    /// The window's steps, oldest first (copies): each step's emission scores and the log of its normalised forward
    /// variables, <c>[labels]</c> each, those at the temperature (null at temperature 1), and whether its speaker changed.
    /// </summary>
    public IReadOnlyList<WindowStep> Window => _window.Select(s => new WindowStep((float[])s.Emissions.Clone(), (double[])s.LogAlpha.Clone(),
        (double[]?)s.ScaledLogAlphaOrNull?.Clone(), s.SpeakerChanged)).ToArray();

    /// <summary>One saved step of the window (<see cref="Window"/>, <see cref="Restore"/>).</summary>
    /// <param name="Emissions">Its emission scores, <c>[labels]</c>.</param>
    /// <param name="LogAlpha">The log of its normalised forward variables, <c>[labels]</c>.</param>
    /// <param name="ScaledLogAlpha">The same at the temperature, <c>[labels]</c>; null at temperature 1.</param>
    /// <param name="SpeakerChanged">Whether its speaker differed from the previous step's.</param>
    internal sealed record WindowStep(float[] Emissions, double[] LogAlpha, double[]? ScaledLogAlpha, bool SpeakerChanged);

    /// <summary>
    /// A sequence continued from a saved <see cref="Count"/> and <see cref="Window"/>: it decodes the next steps exactly as
    /// the sequence they were read from would have (everything before the window is summed out by its first step's <c>α</c>).
    /// </summary>
    /// <exception cref="ArgumentException">A window longer than <c>lag + 1</c> or than <paramref name="count"/>, shorter than both, or a step of another label count.</exception>
    public static FixedLagCrf Restore(CrfScores scores, int lag, int count, IReadOnlyList<WindowStep> window, double temperature = 1)
    {
        var crf = new FixedLagCrf(scores, lag, temperature);
        if (window.Count != Math.Min(count, lag + 1))
            throw new ArgumentException($"A window of lag {lag} after {count} steps holds {Math.Min(count, lag + 1)} steps, not {window.Count}.", nameof(window));
        foreach (var (emissions, logAlpha, scaledLogAlpha, changed) in window)
        {
            if (emissions.Length != crf._labels || logAlpha.Length != crf._labels || scaledLogAlpha is { } s && s.Length != crf._labels)
                throw new ArgumentException($"Expected {crf._labels} scores per step but got {emissions.Length} and {logAlpha.Length}.", nameof(window));
            if ((scaledLogAlpha is null) != (temperature == 1))
                throw new ArgumentException("A step needs its forward variables at the temperature exactly when the temperature is not 1.", nameof(window));
            var raw = (float[])emissions.Clone();
            crf._window.Add(new Step(raw, (double[])logAlpha.Clone(), CrfScores.Scale(raw, temperature), (double[]?)scaledLogAlpha?.Clone(), changed));
        }
        crf._count = count;
        return crf;
    }

    /// <summary>The index of the window's first step (valid after the first <see cref="Add"/>).</summary>
    public int WindowStart => _count - _window.Count;

    /// <summary>
    /// Reads the next step's emission scores and decodes the window <c>max(0, t − lag)..t</c>.
    /// </summary>
    /// <param name="emissions">The step's emission scores, <c>[labels]</c>.</param>
    /// <param name="speakerChanged">Whether the step's speaker differs from the previous step's (read by speaker-change transitions).</param>
    /// <returns>
    /// The window's labels and their posterior probabilities, in step order (the new step last), and the new step's
    /// filtering probabilities (both at the temperature).
    /// </returns>
    public (int[] Labels, double[] Confidences, double[] Filtering) Add(ReadOnlySpan<float> emissions, bool speakerChanged = false)
    {
        if (emissions.Length != _labels) throw new ArgumentException($"Expected {_labels} emission scores but got {emissions.Length}.", nameof(emissions));
        bool changed = _window.Count > 0 && speakerChanged;
        var raw = emissions.ToArray();                                                                 // [K]
        var scaled = CrfScores.Scale(raw, _temperature);                                              // [K]
        var alpha = Filter(_scores, raw, _window.Count == 0 ? null : _window[^1].LogAlpha, changed);  // [K]
        var scaledAlpha = ReferenceEquals(scaled, raw) ? alpha : Filter(_scaled, scaled, _window.Count == 0 ? null : _window[^1].ScaledLogAlpha, changed);
        _window.Add(new Step(raw, Log(alpha), scaled, ReferenceEquals(scaledAlpha, alpha) ? null : Log(scaledAlpha), changed));
        if (_window.Count > _lag + 1) _window.RemoveAt(0);
        _count++;
        var (labels, confidences) = Decode(0, ended: false);
        return (labels, confidences, scaledAlpha);
    }

    /// <summary>
    /// α_t: the chain of the first step alone (start scores plus emissions), or the last row of the chain from
    /// <c>log α_{t-1}</c>. <c>[labels]</c>.
    /// </summary>
    private double[] Filter(CrfScores scores, float[] emissions, double[]? previousLogAlpha, bool speakerChanged) => previousLogAlpha is null
        ? CrfInference.Filtering(scores, scores.Initial(emissions), [])                                // [1*K]
        : CrfInference.Filtering(scores, previousLogAlpha, emissions, [speakerChanged])[_labels..];    // [2*K] → [K]

    private static double[] Log(double[] values) => Array.ConvertAll(values, Math.Log);

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

    /// <summary>
    /// The most probable labelling of the window's steps from <paramref name="first"/> on, and each step's posterior
    /// probability: Viterbi over the chain from <c>log α</c> of that step (the end scores once ended), and forward-backward
    /// over the same chain at the temperature.
    /// </summary>
    private (int[] Labels, double[] Confidences) Decode(int first, bool ended)
    {
        int length = _window.Count - first;
        var later = new float[(length - 1) * _labels];                                                 // [length - 1, K]
        var scaledLater = _temperature == 1 ? later : new float[later.Length];                         // [length - 1, K]
        var changes = new bool[length - 1];                                                            // [length - 1]
        for (int i = 1; i < length; i++)
        {
            _window[first + i].Emissions.CopyTo(later, (i - 1) * _labels);
            if (_temperature != 1) _window[first + i].ScaledEmissions.CopyTo(scaledLater, (i - 1) * _labels);
            changes[i - 1] = _window[first + i].SpeakerChanged;
        }
        var (labels, _) = CrfInference.Viterbi(_scores, _window[first].LogAlpha, later, ended, changes);
        var recursion = CrfInference.ForwardBackward(_scaled, _window[first].ScaledLogAlpha, scaledLater, ended, changes);
        var confidences = new double[length];
        for (int i = 0; i < length; i++) confidences[i] = recursion.Posterior(i, labels[i]);
        return (labels, confidences);
    }

    /// <summary>
    /// One step in the window: its emission scores and the log of its normalised forward variables, <c>[labels]</c> each, as
    /// they are and at the temperature (the same arrays at 1), and whether its speaker changed.
    /// </summary>
    private sealed record Step(float[] Emissions, double[] LogAlpha, float[] ScaledEmissions, double[]? ScaledLogAlphaOrNull, bool SpeakerChanged)
    {
        /// <summary>The log of the forward variables at the temperature.</summary>
        public double[] ScaledLogAlpha => ScaledLogAlphaOrNull ?? LogAlpha;
    }
}
