namespace DialogueActs.Modeling;

/// <summary>A linear-chain CRF's label-sequence scores as managed arrays.</summary>
/// <param name="Transitions">Row-major <c>[from, to]</c> transition scores.</param>
/// <param name="Start">Score of each label at the first step.</param>
/// <param name="End">Score of each label at the last step.</param>
internal sealed record CrfScores(float[] Transitions, float[] Start, float[] End)
{
    /// <summary>Number of labels.</summary>
    public int LabelCount => Start.Length;

    /// <summary>All-zero scores: each step decoded on its own, as the independent softmax does.</summary>
    public static CrfScores Zero(int labels) => new(new float[labels * labels], new float[labels], new float[labels]);
}
