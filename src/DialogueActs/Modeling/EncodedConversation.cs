namespace DialogueActs.Modeling;

/// <summary>
/// A conversation after tokenisation: plain managed arrays, ready for <see cref="BatchBuilder"/>.
/// </summary>
/// <param name="Id">Conversation id.</param>
/// <param name="Tokens">Token ids per utterance; every utterance has at least one token.</param>
/// <param name="Labels">Label ids per utterance, or null when unlabelled.</param>
/// <param name="SpeakerChanges">Per utterance: true when the speaker differs from the previous utterance's (false for the first). Null when unknown.</param>
public sealed record EncodedConversation(string Id, int[][] Tokens, int[]? Labels, bool[]? SpeakerChanges = null)
{
    /// <summary>Number of utterances.</summary>
    public int Length => Tokens.Length;

    /// <summary>The utterances <paramref name="start"/> .. <paramref name="start"/>+<paramref name="count"/>-1 as a new conversation (a training chunk).</summary>
    public EncodedConversation Slice(int start, int count) => new(
        Id,
        Tokens[start..(start + count)],
        Labels?[start..(start + count)],
        SpeakerChanges is null ? null : Slice(SpeakerChanges, start, count));

    private static bool[] Slice(bool[] changes, int start, int count)
    {
        var result = changes[start..(start + count)];
        result[0] = false; // a chunk starts a new sequence
        return result;
    }
}
