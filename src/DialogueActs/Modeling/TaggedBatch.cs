namespace DialogueActs.Modeling;

/// <summary>The tagger's output for a batch, as managed arrays.</summary>
/// <param name="Paths">Decoded label ids per conversation and utterance.</param>
/// <param name="PathScores">Score of each decoded path.</param>
/// <param name="Marginals">Posterior label probabilities <c>[conversation][utterance][label]</c>, or null when not asked for.</param>
public sealed record TaggedBatch(int[][] Paths, float[] PathScores, float[][][]? Marginals);
