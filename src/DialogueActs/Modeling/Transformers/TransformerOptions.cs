using System.Text.Json.Serialization;

namespace DialogueActs.Modeling.Transformers;

/// <summary>How <see cref="TransformerOptions.Pooling"/> turns a text's word-piece states into one vector.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TransformerPooling>))]
public enum TransformerPooling
{
    /// <summary>The mean over every real word piece, [CLS] and [SEP] included (sentence-transformers' pooling).</summary>
    [JsonStringEnumMemberName("mean")]
    Mean,

    /// <summary>The state of the [CLS] piece.</summary>
    [JsonStringEnumMemberName("cls")]
    Cls,
}

/// <summary>A range of a transformer's hidden states, both ends included: state 0 is the embeddings' output, state i the output of layer i.</summary>
/// <param name="From">First hidden state.</param>
/// <param name="To">Last hidden state, at least <paramref name="From"/>.</param>
public sealed record LayerRange(int From, int To);

/// <summary>
/// A pretrained transformer encoder inside the model (a config's <c>model.transformer</c>): its frozen token states as a
/// word feature (<see cref="TokenStates"/>, <see cref="Features.TokenStatesFeature"/>), and a pooled utterance vector
/// whose top layers are fine-tuned (<see cref="TrainLayers"/>, <see cref="Features.TransformerUtteranceFeature"/>).
/// The encoder itself is a resource (<see cref="IPretrainedTransformer"/>); a trained model records its exact id.
/// </summary>
public sealed record TransformerOptions
{
    /// <summary>The largest <see cref="MaxPieces"/>: BERT's 512 positions.</summary>
    public const int MaxPiecesLimit = 512;

    /// <summary>The encoder's model name (default <c>all-MiniLM-L6-v2</c>), or an exact id.</summary>
    public string Encoder { get; init; } = "all-MiniLM-L6-v2";

    /// <summary>
    /// The hidden states, averaged, that join each token's word features before the utterance Bi-LSTM (each token's
    /// vector is the mean over its word pieces); frozen. Null (the default): none.
    /// </summary>
    public LayerRange? TokenStates { get; init; }

    /// <summary>
    /// With a value: the encoder's pooled vector of each utterance joins the utterance vector before the conversation
    /// Bi-LSTM, with its top <see cref="TrainLayers"/> layers fine-tuned (0: all frozen). Null (the default): no pooled vector.
    /// </summary>
    public int? TrainLayers { get; init; }

    /// <summary>How the pooled vector is taken from the last layer's states.</summary>
    public TransformerPooling Pooling { get; init; } = TransformerPooling.Mean;

    /// <summary>Most word pieces the encoder reads of an utterance, [CLS] and [SEP] included (later pieces are cut).</summary>
    public int MaxPieces { get; init; } = 64;
}
