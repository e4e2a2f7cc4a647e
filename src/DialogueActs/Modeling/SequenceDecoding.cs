namespace DialogueActs.Modeling;

/// <summary>The best label sequence of each conversation in a batch, as managed arrays.</summary>
/// <param name="Paths">Label ids per conversation, one per real utterance.</param>
/// <param name="Scores">The score of each best path (the unnormalised log-probability).</param>
public sealed record SequenceDecoding(int[][] Paths, float[] Scores);
