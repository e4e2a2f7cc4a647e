using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// The tensors for one batch of conversations. Utterances are flattened in conversation order:
/// all utterances of conversation 0, then of conversation 1, and so on.
/// </summary>
public sealed class Batch : IDisposable
{
    internal Batch(Tensor tokens, Tensor tokenLengths, Tensor conversationLengths, Tensor mask, Tensor? labels,
        Tensor? speakerChanges, int[] conversationLengthsArray, int maxTokens, Tensor? characters = null)
    {
        Characters = characters;
        Tokens = tokens;
        TokenLengths = tokenLengths;
        ConversationLengths = conversationLengths;
        Mask = mask;
        Labels = labels;
        SpeakerChanges = speakerChanges;
        ConversationLengthsArray = conversationLengthsArray;
        MaxTokens = maxTokens;
    }

    /// <summary>Token ids, padded with 0. <c>[utterances, maxTokens]</c>, int64.</summary>
    public Tensor Tokens { get; }

    /// <summary>True token count of each utterance. <c>[utterances]</c>, int64, on the CPU.</summary>
    public Tensor TokenLengths { get; }

    /// <summary>Utterance count of each conversation. <c>[conversations]</c>, int64, on the CPU.</summary>
    public Tensor ConversationLengths { get; }

    /// <summary>Padding mask, true on real utterances. <c>[conversations, maxUtterances]</c>, bool.</summary>
    public Tensor Mask { get; }

    /// <summary>Gold label ids, 0 on padding. <c>[conversations, maxUtterances]</c>, int64; null when unlabelled.</summary>
    public Tensor? Labels { get; }

    /// <summary>Speaker flags: <c>[c, t, k−1]</c> is 1 where the speaker differs from utterance t−k. <c>[conversations, maxUtterances, window]</c>, float32; null when unknown.</summary>
    public Tensor? SpeakerChanges { get; }

    /// <summary>
    /// Character ids of every token (see <see cref="Text.CharacterIds"/>), 0 on padding.
    /// <c>[utterances, maxTokens, CharacterIds.PerToken]</c>, int64; null when not encoded.
    /// </summary>
    public Tensor? Characters { get; }

    /// <summary>Utterance count of each conversation, as a managed array.</summary>
    public int[] ConversationLengthsArray { get; }

    /// <summary>Number of conversations.</summary>
    public int ConversationCount => ConversationLengthsArray.Length;

    /// <summary>Longest conversation in the batch.</summary>
    public int MaxUtterances => (int)Mask.shape[1];

    /// <summary>Longest utterance in tokens.</summary>
    public int MaxTokens { get; }

    /// <summary>Total number of real utterances.</summary>
    public int UtteranceCount => (int)Tokens.shape[0];

    /// <inheritdoc />
    public void Dispose()
    {
        Tokens.Dispose();
        TokenLengths.Dispose();
        ConversationLengths.Dispose();
        Mask.Dispose();
        Labels?.Dispose();
        SpeakerChanges?.Dispose();
        Characters?.Dispose();
    }
}
