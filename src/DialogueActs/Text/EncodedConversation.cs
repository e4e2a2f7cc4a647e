namespace DialogueActs.Text;

/// <summary>
/// A conversation after tokenisation: plain managed arrays, ready for <c>Modeling.BatchBuilder</c>.
/// </summary>
/// <param name="Id">Conversation id.</param>
/// <param name="Tokens">Token ids per utterance; every utterance has at least one token.</param>
/// <param name="Labels">Label ids per utterance, or null when unlabelled.</param>
/// <param name="Speakers">Per utterance: the speaker as a small integer (equal integers, same speaker). Null when unknown.</param>
/// <param name="Characters">
/// Per utterance: the <see cref="Text.CharacterIds"/> of its tokens, <see cref="Text.CharacterIds.PerToken"/>
/// per token, for models with character features. Null when not encoded.
/// </param>
/// <param name="Texts">Per utterance: its text, for features that read whole sentences (<see cref="EncodedParts.Texts"/>). Null when not kept.</param>
/// <param name="SentenceVectors">
/// Per utterance: its vector from a pretrained sentence encoder (<see cref="EncodedParts.SentenceVectors"/>,
/// added by <see cref="SentenceVectorEncoding.Attach"/>). Null when not encoded.
/// </param>
/// <param name="PretrainedTokens">
/// Per utterance: the ids of its tokens in the frozen pretrained vector table (<see cref="EncodedParts.PretrainedIds"/>),
/// one per id in <paramref name="Tokens"/>. Null when not encoded.
/// </param>
public sealed record EncodedConversation(string Id, int[][] Tokens, int[]? Labels, int[]? Speakers = null, byte[][]? Characters = null,
    string[]? Texts = null, float[][]? SentenceVectors = null, int[][]? PretrainedTokens = null)
{
    /// <summary>Number of utterances.</summary>
    public int Length => Tokens.Length;

    /// <summary>The utterances <paramref name="start"/> .. <paramref name="start"/>+<paramref name="count"/>-1 as a new conversation (a training chunk).</summary>
    public EncodedConversation Slice(int start, int count) => new(
        Id,
        Tokens[start..(start + count)],
        Labels?[start..(start + count)],
        Speakers?[start..(start + count)],
        Characters?[start..(start + count)],
        Texts?[start..(start + count)],
        SentenceVectors?[start..(start + count)],
        PretrainedTokens?[start..(start + count)]);

    /// <summary>
    /// Speaker features of utterance <paramref name="t"/>: flag k−1 is 1 when its speaker differs from
    /// that of utterance t−k (k = 1 .. <paramref name="window"/>); 0 before the first utterance, so a
    /// chunk starts like a new conversation.
    /// </summary>
    public void SpeakerFlags(int t, int window, Span<float> flags)
    {
        if (Speakers is null) throw new InvalidOperationException($"Conversation '{Id}' has no speakers.");
        for (int k = 1; k <= window; k++)
            flags[k - 1] = t - k >= 0 && Speakers[t] != Speakers[t - k] ? 1f : 0f;
    }
}
