namespace DialogueActs.Modeling;

/// <summary>
/// Every size of the hierarchical Bi-LSTM-CRF in one record. The JSON config's <c>model</c> section,
/// the model archive and the <c>summary</c> command all use this record.
/// </summary>
public sealed record ModelOptions
{
    /// <summary>Vocabulary size including the padding (0) and unknown (1) ids. Set from the vocabulary at training time.</summary>
    public int VocabularySize { get; init; }

    /// <summary>Number of dialogue-act labels. Set from the training labels at training time.</summary>
    public int LabelCount { get; init; }

    /// <summary>Word embedding dimension.</summary>
    public int EmbeddingDim { get; init; } = 200;

    /// <summary>Hidden size per direction of the utterance Bi-LSTM.</summary>
    public int UtteranceHidden { get; init; } = 128;

    /// <summary>Hidden size per direction of the conversation Bi-LSTM.</summary>
    public int ConversationHidden { get; init; } = 128;

    /// <summary>Dropout probability after the embedding, the utterance vector and the conversation Bi-LSTM.</summary>
    public double Dropout { get; init; } = 0.2;

    /// <summary>Use a linear-chain CRF on top of the emissions (false: independent softmax per utterance, an ablation).</summary>
    public bool UseCrf { get; init; } = true;

    /// <summary>Append a speaker-change flag (1 when the speaker differs from the previous utterance's) to each utterance vector.</summary>
    public bool SpeakerFeature { get; init; }

    /// <summary>Use the conversation-level Bi-LSTM (false: emissions come straight from utterance vectors, an ablation).</summary>
    public bool UseConversationLstm { get; init; } = true;
}
