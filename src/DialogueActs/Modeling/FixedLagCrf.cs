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
/// </remarks>
internal sealed class FixedLagCrf
{
    private readonly int _labels;
    private readonly int _lag;
    private readonly CrfScores _scores;
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
    }

    /// <summary>Steps read so far.</summary>
    public int Count => _count;

    /// <summary>How many steps back a new step may revise.</summary>
    public int Lag => _lag;

    /// <summary>The window's steps, oldest first: each step's emission scores and the log of its normalised forward variables, <c>[labels]</c> each (copies).</summary>
    public IReadOnlyList<(float[] Emissions, double[] LogAlpha)> Window => _window.Select(s => ((float[])s.Emissions.Clone(), (double[])s.LogAlpha.Clone())).ToArray();

    /// <summary>
    /// A sequence continued from a saved <see cref="Count"/> and <see cref="Window"/>: it decodes the next steps exactly as
    /// the sequence they were read from would have (everything before the window is summed out by its first step's <c>α</c>).
    /// </summary>
    /// <exception cref="ArgumentException">A window longer than <c>lag + 1</c> or than <paramref name="count"/>, shorter than both, or a step of another label count.</exception>
    public static FixedLagCrf Restore(CrfScores scores, int lag, int count, IReadOnlyList<(float[] Emissions, double[] LogAlpha)> window)
    {
        var crf = new FixedLagCrf(scores, lag);
        if (window.Count != Math.Min(count, lag + 1))
            throw new ArgumentException($"A window of lag {lag} after {count} steps holds {Math.Min(count, lag + 1)} steps, not {window.Count}.", nameof(window));
        foreach (var (emissions, logAlpha) in window)
        {
            if (emissions.Length != crf._labels || logAlpha.Length != crf._labels)
                throw new ArgumentException($"Expected {crf._labels} scores per step but got {emissions.Length} and {logAlpha.Length}.", nameof(window));
            crf._window.Add(new Step((float[])emissions.Clone(), (double[])logAlpha.Clone()));
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
    /// <returns>The window's labels and their posterior probabilities, in step order (the new step last), and the new step's filtering probabilities.</returns>
    public (int[] Labels, double[] Confidences, double[] Filtering) Add(ReadOnlySpan<float> emissions)
    {
        if (emissions.Length != _labels) throw new ArgumentException($"Expected {_labels} emission scores but got {emissions.Length}.", nameof(emissions));
        // α_t: the chain of the first step alone (start scores plus emissions), or the last row of the chain from log α_{t-1}.
        var alpha = _window.Count == 0
            ? CrfInference.Filtering(_scores, _scores.Initial(emissions), [])                          // [1*K]
            : CrfInference.Filtering(_scores, _window[^1].LogAlpha, emissions)[_labels..];             // [2*K] → [K]
        _window.Add(new Step(emissions.ToArray(), alpha.Select(a => Math.Log(a)).ToArray()));
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

    /// <summary>
    /// The most probable labelling of the window's steps from <paramref name="first"/> on, and each step's posterior
    /// probability: Viterbi and forward-backward over the chain from <c>log α</c> of that step (the end scores once ended).
    /// </summary>
    private (int[] Labels, double[] Confidences) Decode(int first, bool ended)
    {
        int length = _window.Count - first;
        var later = new float[(length - 1) * _labels];                                                 // [length - 1, K]
        for (int i = 1; i < length; i++) _window[first + i].Emissions.CopyTo(later, (i - 1) * _labels);
        var initial = _window[first].LogAlpha;                                                         // [K]
        var (labels, _) = CrfInference.Viterbi(_scores, initial, later, ended);
        var recursion = CrfInference.ForwardBackward(_scores, initial, later, ended);
        var confidences = new double[length];
        for (int i = 0; i < length; i++) confidences[i] = recursion.Posterior(i, labels[i]);
        return (labels, confidences);
    }

    /// <summary>One step in the window: its emission scores and the log of its normalised forward variables, <c>[labels]</c> each.</summary>
    private sealed record Step(float[] Emissions, double[] LogAlpha);
}
