namespace DialogueActs.Inference;

/// <summary>Limits and settings for a <see cref="DialogueActTagger"/>.</summary>
public sealed record TaggerOptions
{
    /// <summary>
    /// The default of <see cref="MaxUtterancesPerConversation"/>, also the default of the HTTP host's setting
    /// of the same name. It admits whole meetings (the longest in MRDA has 3,391 utterances); training,
    /// evaluation and <c>predict</c> use it too, so it must admit every conversation of a corpus.
    /// </summary>
    public const int DefaultMaxUtterancesPerConversation = 20_000;

    /// <summary>The default of <see cref="MaxUtterancesPerBatch"/>.</summary>
    public const int DefaultMaxUtterancesPerBatch = 4096;

    /// <summary>Labels returned per utterance in <see cref="UtteranceTag.Top"/>.</summary>
    public int TopK { get; init; } = 3;

    /// <summary>
    /// Longest conversation accepted, in utterances. Longer ones are rejected with a clear error so
    /// tagging memory stays bounded (the CRF and conversation LSTM see the whole conversation, so
    /// windows would change the result).
    /// </summary>
    public int MaxUtterancesPerConversation { get; init; } = DefaultMaxUtterancesPerConversation;

    /// <summary>Utterances per internal batch in <see cref="IDialogueActTagger.TagMany"/>.</summary>
    public int MaxUtterancesPerBatch { get; init; } = DefaultMaxUtterancesPerBatch;

    /// <summary>Calls allowed to run at once; null for no limit.</summary>
    public int? MaxConcurrency { get; init; }
}
