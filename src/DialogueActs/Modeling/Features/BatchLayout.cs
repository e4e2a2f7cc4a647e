namespace DialogueActs.Modeling;

/// <summary>
/// The shape of a batch, for building a feature's input: utterances are flattened in conversation order
/// (all utterances of conversation 0, then of conversation 1, ...), as in <see cref="Batch.Tokens"/>.
/// </summary>
/// <param name="UtteranceCount">Real utterances in the batch (U).</param>
/// <param name="MaxTokens">Longest utterance in tokens (L).</param>
/// <param name="MaxUtterances">Longest conversation (T).</param>
public sealed record BatchLayout(int UtteranceCount, int MaxTokens, int MaxUtterances);
