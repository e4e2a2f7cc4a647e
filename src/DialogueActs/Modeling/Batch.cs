using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// The tensors for one batch of conversations. Utterances are flattened in conversation order:
/// all utterances of conversation 0, then of conversation 1, and so on.
/// </summary>
public sealed class Batch : IDisposable
{
    /// <summary>The name under which <see cref="Input"/> returns <see cref="Tokens"/>, the input of the word embedding.</summary>
    public const string TokenInput = "tokens";

    private readonly Dictionary<string, Tensor> _inputs;

    internal Batch(Tensor tokens, Tensor tokenLengths, Tensor conversationLengths, Tensor mask, Tensor? labels,
        Dictionary<string, Tensor> inputs, int[] conversationLengthsArray, int maxTokens, Tensor speakerChanges)
    {
        SpeakerChanges = speakerChanges;
        Tokens = tokens;
        TokenLengths = tokenLengths;
        ConversationLengths = conversationLengths;
        Mask = mask;
        Labels = labels;
        _inputs = inputs;
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

    /// <summary>
    /// True where an utterance's speaker differs from the previous utterance's, <c>[conversations, maxUtterances]</c>,
    /// bool; false at the first utterance, on padding and in conversations without speakers. A CRF with speaker-change
    /// transitions reads it.
    /// </summary>
    public Tensor SpeakerChanges { get; }

    /// <summary>Gold label ids, 0 on padding. <c>[conversations, maxUtterances]</c>, int64; null when unlabelled.</summary>
    public Tensor? Labels { get; }

    /// <summary>
    /// The features' own inputs by feature name (<see cref="ModelFeature.Name"/>), padded with 0: a word
    /// feature's is <c>[utterances, maxTokens, ...]</c> (for example <see cref="CharacterFeature"/>'s character
    /// ids, <c>[utterances, maxTokens, CharacterIds.PerToken]</c>, int64), an utterance feature's
    /// <c>[conversations, maxUtterances, ...]</c> (for example <see cref="SpeakerChangeFeature"/>'s flags,
    /// <c>[conversations, maxUtterances, window]</c>, float32).
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> Inputs => _inputs;

    /// <summary>The input named <paramref name="name"/>: <see cref="Tokens"/> for <see cref="TokenInput"/>, otherwise from <see cref="Inputs"/>; null when the batch has none.</summary>
    public Tensor? Input(string name) => name == TokenInput ? Tokens : _inputs.GetValueOrDefault(name);

    /// <summary>Adds or replaces a feature's input; the batch owns it from now on.</summary>
    internal void SetInput(string name, Tensor input)
    {
        if (_inputs.Remove(name, out var previous)) previous.Dispose();
        _inputs.Add(name, input);
    }

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
        SpeakerChanges.Dispose();
        foreach (var input in _inputs.Values) input.Dispose();
    }
}
