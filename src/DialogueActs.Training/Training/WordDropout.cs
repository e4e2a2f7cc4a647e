using DialogueActs.Text;

namespace DialogueActs.Training;

/// <summary>
/// <c>training.wordDropout</c>: replaces each non-reserved training token id with the unknown id with
/// probability <paramref name="rate"/>, so the model learns to use context when words are unknown.
/// </summary>
/// <param name="rate">Probability in (0, 1).</param>
internal sealed class WordDropout(double rate) : IBatchTransform
{
    /// <inheritdoc />
    public EncodedConversation[] Apply(EncodedConversation[] batch, Random random) =>
        batch.Select(conversation => conversation with
        {
            Tokens = conversation.Tokens.Select(utterance => utterance.Select(id => Drop(id, random) ? Vocabulary.UnknownId : id).ToArray()).ToArray(),
        }).ToArray();

    private bool Drop(int id, Random random) => id >= Vocabulary.ReservedCount && random.NextDouble() < rate;
}
