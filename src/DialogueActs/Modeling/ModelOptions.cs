namespace DialogueActs.Modeling;

/// <summary>
/// Every size of the hierarchical Bi-LSTM-CRF in one record. The JSON config's <c>model</c> section,
/// the model archive and the <c>summary</c> command all use this record. Which features a model reads
/// follows from it through one registry, <see cref="FeatureSet.From"/>.
/// </summary>
public sealed record ModelOptions
{
    /// <summary>The largest value of any layer size (dimensions, hidden units, filters, window): 2^24.</summary>
    public const int MaxLayerSize = 1 << 24;

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

    /// <summary>Append speaker-change flags to each utterance vector (see <see cref="SpeakerWindow"/>).</summary>
    public bool SpeakerFeature { get; init; }

    /// <summary>
    /// With <see cref="SpeakerFeature"/>: how many earlier utterances each utterance compares its speaker
    /// with. Flag k (1 ≤ k ≤ window) is 1 when the speaker differs from that of utterance t−k. Window 1
    /// is the plain speaker-change flag; a larger window tells multi-party meetings apart (for example a
    /// backchannel between two turns of the same speaker).
    /// </summary>
    public int SpeakerWindow { get; init; } = 1;

    /// <summary>
    /// Join a max-pool over every real position of both utterance LSTM directions to the final states,
    /// doubling the utterance vector to 4 × <see cref="UtteranceHidden"/>.
    /// </summary>
    public bool MaxPooling { get; init; }

    /// <summary>
    /// Size of the character-level feature of each token (a width-3 convolution over its first 16
    /// characters, max-pooled; see <see cref="CharacterCnn"/>), joined to its word embedding. 0 (the
    /// default) switches character features off.
    /// </summary>
    public int CharacterFilters { get; init; }

    /// <summary>Character embedding size, used with <see cref="CharacterFilters"/>.</summary>
    public int CharacterEmbeddingDim { get; init; } = 16;

    /// <summary>
    /// Join frozen pretrained vectors (the <c>tokenizer.glove</c> file, every word of it) to each token's word
    /// features (<see cref="PretrainedVectorFeature"/>), so words outside the training vocabulary keep their vectors.
    /// With it, <see cref="EmbeddingDim"/> may be 0: no trained embedding, the frozen vectors alone.
    /// </summary>
    public bool FrozenVectors { get; init; }

    /// <summary>Rows of the frozen vector table (<see cref="FrozenVectors"/>), reserved ids included. Set at training time; 0 without it.</summary>
    public int FrozenVectorWords { get; init; }

    /// <summary>Size of the frozen vectors (<see cref="FrozenVectors"/>). Set at training time; 0 without it.</summary>
    public int FrozenVectorDim { get; init; }

    /// <summary>
    /// A pretrained sentence encoder whose vector of each utterance is joined to the utterance vector before the
    /// conversation Bi-LSTM (<see cref="SentenceVectorFeature"/>), or null (the default) for none. A config names
    /// it (for example <c>all-MiniLM-L6-v2</c>); training replaces the name with the encoder's exact
    /// <see cref="Text.ISentenceEncoder.Id"/>, which a trained model then requires of the encoder it is given.
    /// </summary>
    public string? SentenceEncoder { get; init; }

    /// <summary>Size of the <see cref="SentenceEncoder"/>'s vectors. Set from the encoder at training time; 0 without one.</summary>
    public int SentenceDim { get; init; }

    /// <summary>True when the model's features read character ids (<see cref="FeatureSet.Needs"/>).</summary>
    public bool UsesCharacters() => FeatureSet.From(this).Needs.HasFlag(Text.EncodedParts.Characters);

    /// <summary>Use the conversation-level Bi-LSTM (false: emissions come straight from utterance vectors, an ablation).</summary>
    public bool UseConversationLstm { get; init; } = true;

    /// <summary>The value of <see cref="ConversationDirection"/> for the paper's conversation Bi-LSTM, the default.</summary>
    public const string Bidirectional = "bidirectional";

    /// <summary>
    /// The value of <see cref="ConversationDirection"/> for a causal model: a forward-only conversation LSTM, whose
    /// emission at utterance t reads utterances 0..t only, so a live conversation can be tagged as it happens.
    /// </summary>
    public const string Forward = "forward";

    /// <summary>
    /// Which way the conversation LSTM reads: <see cref="Bidirectional"/> (the default; <see cref="ConversationHidden"/>
    /// units per direction) or <see cref="Forward"/> (one forward LSTM of <see cref="ConversationHidden"/> units, a
    /// causal model that supports streaming sessions, <see cref="Inference.IDialogueActTagger.StartSession"/>).
    /// </summary>
    public string ConversationDirection { get; init; } = Bidirectional;

    /// <summary>
    /// True when the emission of every utterance reads no later utterance: a <see cref="Forward"/> conversation LSTM,
    /// or none. Only such a model can tag a conversation one utterance at a time.
    /// </summary>
    public bool IsCausal() => !UseConversationLstm || ConversationDirection == Forward;

    /// <summary>
    /// Every size option with its JSON key and smallest valid value: the LSTM sizes, then each feature's
    /// (<see cref="FeatureSet.Sizes"/>, switched on or not). The config, the model and the model archive
    /// check these. <see cref="VocabularySize"/> and <see cref="LabelCount"/> are not options: training sets them.
    /// </summary>
    public IEnumerable<ModelSize> Sizes() =>
        new ModelSize[] { new("utteranceHidden", UtteranceHidden, 1), new("conversationHidden", ConversationHidden, 1) }
            .Concat(FeatureSet.Sizes(this));
}
