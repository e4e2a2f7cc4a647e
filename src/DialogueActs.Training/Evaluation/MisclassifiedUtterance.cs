using DialogueActs.Data;

namespace DialogueActs.Training.Evaluation;

/// <summary>An utterance the tagger got wrong, with what a reader needs to see why: its place, its text and the two before it.</summary>
/// <param name="ConversationId">The conversation's id.</param>
/// <param name="Index">The utterance's position in its conversation, from 0.</param>
/// <param name="Speaker">Its speaker, when the corpus has speakers.</param>
/// <param name="Text">Its text.</param>
/// <param name="Before">The (up to) two utterances before it, oldest first, with their gold labels.</param>
/// <param name="Gold">The gold label.</param>
/// <param name="Predicted">The predicted label.</param>
/// <param name="Confidence">The CRF marginal probability of <paramref name="Predicted"/> (the tag's confidence).</param>
public sealed record MisclassifiedUtterance(
    string ConversationId, int Index, string? Speaker, string Text, IReadOnlyList<Utterance> Before, string Gold, string Predicted, double Confidence)
{
    /// <summary>How many utterances before a misclassified one <see cref="Before"/> keeps.</summary>
    public const int ContextSize = 2;
}
