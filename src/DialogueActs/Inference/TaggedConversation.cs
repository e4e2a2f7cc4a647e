namespace DialogueActs.Inference;

/// <summary>A label and its posterior probability.</summary>
/// <param name="Label">Dialogue-act label.</param>
/// <param name="Probability">CRF marginal probability of the label at this utterance, in [0, 1].</param>
public sealed record LabelScore(string Label, double Probability);

/// <summary>The tag of one utterance.</summary>
/// <param name="Label">The label on the Viterbi path.</param>
/// <param name="Confidence">The CRF marginal probability of <paramref name="Label"/> at this utterance.</param>
/// <param name="Top">The most probable labels by marginal probability, best first.</param>
public sealed record UtteranceTag(string Label, double Confidence, IReadOnlyList<LabelScore> Top);

/// <summary>A tagged conversation: one <see cref="UtteranceTag"/> per utterance, in order.</summary>
/// <param name="Id">Conversation id.</param>
/// <param name="Utterances">Tags in utterance order.</param>
public sealed record TaggedConversation(string Id, IReadOnlyList<UtteranceTag> Utterances);
