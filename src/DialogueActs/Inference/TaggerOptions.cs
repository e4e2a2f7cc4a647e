namespace DialogueActs.Inference;

/// <summary>Limits and settings for a <see cref="DialogueActTagger"/>.</summary>
public sealed record TaggerOptions
{
    /// <summary>Labels returned per utterance in <see cref="UtteranceTag.Top"/>.</summary>
    public int TopK { get; init; } = 3;

    /// <summary>
    /// Longest conversation accepted, in utterances. Longer ones are rejected with a clear error so
    /// tagging memory stays bounded (the CRF and conversation LSTM see the whole conversation, so
    /// windows would change the result).
    /// </summary>
    public int MaxUtterancesPerConversation { get; init; } = 20_000;

    /// <summary>Utterances per internal batch in <see cref="IDialogueActTagger.TagMany"/>.</summary>
    public int MaxUtterancesPerBatch { get; init; } = 4096;

    /// <summary>Calls allowed to run at once; null for no limit.</summary>
    public int? MaxConcurrency { get; init; }
}
