using System.Text.Json.Serialization;

namespace DialogueActs.Modeling;

/// <summary>Which way the conversation LSTM reads (<see cref="ModelOptions.ConversationDirection"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConversationDirection>))]
public enum ConversationDirection
{
    /// <summary>Both ways (the paper's conversation Bi-LSTM, the default): each utterance's emission reads the whole conversation.</summary>
    [JsonStringEnumMemberName("bidirectional")]
    Bidirectional,

    /// <summary>Forward only: the emission at utterance t reads utterances 0..t, so a live conversation can be tagged as it happens.</summary>
    [JsonStringEnumMemberName("forward")]
    Forward,
}

/// <summary>
/// What a config's <c>model</c> section sets: layer sizes, features and ablation switches. The sizes that the training
/// data sets are <see cref="ModelDimensions"/>; what a feature learns from its resources it keeps itself
/// (<see cref="ModelFeature.ArchiveEntries"/>). The config, the model archive and the <c>summary</c> command use this
/// record; which features a model reads follows from it through one registry, <see cref="FeatureSet.From"/>.
/// </summary>
public sealed record ModelOptions
{
    /// <summary>The largest value of any layer size (dimensions, hidden units, filters, window): 2^24.</summary>
    public const int MaxLayerSize = 1 << 24;

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

    /// <summary>
    /// Give the CRF two transition matrices (Shang et al. 2020): one into an utterance whose speaker differs from the
    /// previous utterance's, one into an utterance by the same speaker. Needs <see cref="UseCrf"/>.
    /// </summary>
    public bool SpeakerTransitions { get; init; }

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
    /// A pretrained sentence encoder whose vector of each utterance is joined to the utterance vector before the
    /// conversation Bi-LSTM (<see cref="SentenceVectorFeature"/>), or null (the default) for none: its model name, for
    /// example <c>all-MiniLM-L6-v2</c>. A trained model records the encoder's exact id and vector size itself.
    /// </summary>
    public string? SentenceEncoder { get; init; }

    /// <summary>
    /// A pretrained transformer inside the model (<see cref="Transformers.TransformerOptions"/>): its frozen token states
    /// as a word feature, and its pooled utterance vector with the top layers fine-tuned; null (the default) for none.
    /// </summary>
    public Transformers.TransformerOptions? Transformer { get; init; }

    /// <summary>Use the conversation-level LSTM (false: emissions come straight from utterance vectors, an ablation).</summary>
    public bool UseConversationLstm { get; init; } = true;

    /// <summary>
    /// Which way the conversation LSTM reads, when there is one (<see cref="UseConversationLstm"/>):
    /// <see cref="Modeling.ConversationDirection.Bidirectional"/> (the default; <see cref="ConversationHidden"/> units per
    /// direction) or <see cref="Modeling.ConversationDirection.Forward"/> (one forward LSTM of <see cref="ConversationHidden"/>
    /// units, a causal model that supports streaming sessions, <see cref="Inference.IDialogueActTagger.StartSession"/>).
    /// </summary>
    public ConversationDirection ConversationDirection { get; init; } = ConversationDirection.Bidirectional;

    /// <summary>
    /// True when the emission of every utterance reads no later utterance: a forward conversation LSTM, or none. Only
    /// such a model can tag a conversation one utterance at a time.
    /// </summary>
    public bool IsCausal() => !UseConversationLstm || ConversationDirection == ConversationDirection.Forward;

    /// <summary>
    /// Every size option with its JSON key and smallest valid value: the LSTM sizes, then each feature's
    /// (<see cref="FeatureSet.Sizes"/>, switched on or not). The config, the model and the model archive
    /// check these.
    /// </summary>
    public IEnumerable<ModelSize> Sizes() =>
        new ModelSize[] { new("utteranceHidden", UtteranceHidden, 1), new("conversationHidden", ConversationHidden, 1) }
            .Concat(FeatureSet.Sizes(this));
}
