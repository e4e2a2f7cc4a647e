namespace DialogueActs.Modeling;

/// <summary>
/// A linear-chain CRF's label-sequence scores as managed arrays, what every managed recursion (<see cref="CrfInference"/>)
/// reads: the score of labels <c>y_0..y_n-1</c> over emissions <c>e</c> is
/// <c>start[y_0] + Σ_t e[t, y_t] + Σ_{t&gt;0} transitions[y_{t-1}, y_t] + end[y_n-1]</c>. With speaker-change
/// transitions (<see cref="ChangeTransitions"/>), a step whose speaker differs from the previous one's uses those instead.
/// </summary>
internal sealed class CrfScores
{
    /// <summary>Takes the scores (not copied).</summary>
    /// <param name="transitions">Row-major <c>[from, to]</c> transition scores.</param>
    /// <param name="start">Score of each label at the first step, <c>[labels]</c>.</param>
    /// <param name="end">Score of each label at the last step, <c>[labels]</c>.</param>
    /// <param name="changeTransitions">Row-major <c>[from, to]</c> transition scores into a step whose speaker changed, or null when every step uses <paramref name="transitions"/>.</param>
    public CrfScores(float[] transitions, float[] start, float[] end, float[]? changeTransitions = null)
    {
        int labels = start.Length;
        if (labels < 1 || end.Length != labels || transitions.Length != labels * labels || changeTransitions is not null && changeTransitions.Length != labels * labels)
            throw new ArgumentException($"CRF scores need {labels} end scores and {labels * labels} transitions (at least one label) " +
                                        $"but got {end.Length} and {transitions.Length}.", nameof(transitions));
        Transitions = transitions;
        Start = start;
        End = end;
        ExpTransitions = transitions.Select(v => Math.Exp(v)).ToArray();
        ChangeTransitions = changeTransitions;
        ExpChangeTransitions = changeTransitions?.Select(v => Math.Exp(v)).ToArray();
    }

    /// <summary>Row-major <c>[from, to]</c> transition scores into a step whose speaker changed; null when there are none.</summary>
    public float[]? ChangeTransitions { get; }

    /// <summary><c>exp</c> of <see cref="ChangeTransitions"/>; null when there are none.</summary>
    public double[]? ExpChangeTransitions { get; }

    /// <summary>How many transition matrices: 2 with speaker-change transitions, else 1.</summary>
    public int TransitionSets => ChangeTransitions is null ? 1 : 2;

    /// <summary>The transition scores into a step whose speaker changed (<paramref name="change"/>) or not.</summary>
    public float[] TransitionsInto(bool change) => change && ChangeTransitions is not null ? ChangeTransitions : Transitions;

    /// <summary><c>exp</c> of <see cref="TransitionsInto"/>.</summary>
    public double[] ExpTransitionsInto(bool change) => change && ExpChangeTransitions is not null ? ExpChangeTransitions : ExpTransitions;

    /// <summary>Row-major <c>[from, to]</c> transition scores.</summary>
    public float[] Transitions { get; }

    /// <summary>Score of each label at the first step, <c>[labels]</c>.</summary>
    public float[] Start { get; }

    /// <summary>Score of each label at the last step, <c>[labels]</c>.</summary>
    public float[] End { get; }

    /// <summary><c>exp</c> of <see cref="Transitions"/>, row-major <c>[from, to]</c>, for the scaled forward-backward.</summary>
    public double[] ExpTransitions { get; }

    /// <summary>Number of labels.</summary>
    public int LabelCount => Start.Length;

    /// <summary>
    /// The initial score vector of a whole sequence (its first step's start score plus emission, <c>[labels]</c>), from
    /// which <see cref="CrfInference"/> runs the recursions over the later steps.
    /// </summary>
    /// <param name="firstEmissions">The first step's emission scores, <c>[labels]</c>.</param>
    public double[] Initial(ReadOnlySpan<float> firstEmissions)
    {
        var initial = new double[LabelCount];
        for (int k = 0; k < initial.Length; k++) initial[k] = (double)Start[k] + firstEmissions[k];
        return initial;
    }

    /// <summary>
    /// The scores divided by <paramref name="temperature"/> (this object itself at 1): the CRF whose distribution over label
    /// sequences is <c>p(y)^(1/T)</c>, renormalised. Every sequence's score is divided alike, so the best sequence does not change;
    /// the marginals flatten (T &gt; 1) or sharpen (T &lt; 1). Emissions are divided by the caller (<see cref="Scale"/>).
    /// </summary>
    public CrfScores Scaled(double temperature)
    {
        if (temperature == 1) return this;
        return new CrfScores(Scale(Transitions, temperature), Scale(Start, temperature), Scale(End, temperature),
            ChangeTransitions is null ? null : Scale(ChangeTransitions, temperature));
    }

    /// <summary>A copy of <paramref name="scores"/> divided by <paramref name="temperature"/> (the array itself at 1).</summary>
    public static float[] Scale(float[] scores, double temperature) =>
        temperature == 1 ? scores : Array.ConvertAll(scores, v => (float)(v / temperature));

    /// <summary>All-zero scores: each step decoded on its own, as the independent softmax does.</summary>
    public static CrfScores Zero(int labels) => new(new float[labels * labels], new float[labels], new float[labels]);
}
