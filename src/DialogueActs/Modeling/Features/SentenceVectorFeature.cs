using DialogueActs.Text;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// A pretrained sentence encoder's vector of every utterance (<c>model.sentenceEncoder</c>), joined to the
/// utterance vector before the conversation Bi-LSTM. The encoder itself (an <see cref="ISentenceEncoder"/>,
/// for example all-MiniLM-L6-v2 from the <c>DialogueActs.Onnx</c> package) runs outside the model:
/// <see cref="SentenceVectorEncoding.Attach"/> puts its vectors into the encoded conversations, and the
/// batch input is <c>[conversations, maxUtterances, Size]</c> float32. Its module
/// (<see cref="SentenceVectorInput"/>) has no weights: it scales the vectors to unit mean square and
/// applies dropout.
/// </summary>
public sealed class SentenceVectorFeature : UtteranceFeature
{
    /// <summary>The feature's name, and the key of its batch input.</summary>
    public const string FeatureName = "sentences";

    private readonly double _dropout;

    /// <summary>Creates the feature.</summary>
    /// <param name="encoderId">The <see cref="ISentenceEncoder.Id"/> of the encoder whose vectors the model reads.</param>
    /// <param name="dimension">Size of the encoder's vectors; at least 1.</param>
    /// <param name="dropout">Dropout probability on the vectors in training.</param>
    public SentenceVectorFeature(string encoderId, int dimension, double dropout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(encoderId);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        EncoderId = encoderId;
        Size = dimension;
        _dropout = dropout;
    }

    /// <summary>The <see cref="ISentenceEncoder.Id"/> of the encoder the model was trained with.</summary>
    public string EncoderId { get; }

    /// <inheritdoc />
    public override string Name => FeatureName;

    /// <summary>Size of the encoder's vectors.</summary>
    public override int Size { get; }

    /// <inheritdoc />
    public override string ModuleName => "_sentences";

    /// <inheritdoc />
    public override EncodedParts Needs => EncodedParts.SentenceVectors;

    /// <inheritdoc />
    public override long ParameterCount => 0;

    /// <summary>The feature for <paramref name="options"/>, or null when <c>sentenceEncoder</c> is unset or its size is not known yet (0).</summary>
    public static SentenceVectorFeature? From(ModelOptions options) =>
        options.SentenceEncoder is { Length: > 0 } id && options.SentenceDim > 0 ? new SentenceVectorFeature(id, options.SentenceDim, options.Dropout) : null;

    /// <summary>The size options of the feature: <c>sentenceDim</c>, which training sets from the encoder (0 when off).</summary>
    public static IEnumerable<ModelSize> Sizes(ModelOptions options) => [new("sentenceDim", options.SentenceDim, 0)];

    /// <inheritdoc />
    public override bool CanRead(EncodedConversation conversation) => conversation.SentenceVectors is not null;

    /// <inheritdoc />
    public override Tensor BuildInput(IReadOnlyList<EncodedConversation> conversations, BatchLayout layout)
    {
        int size = Size;
        var values = new float[(long)conversations.Count * layout.MaxUtterances * size];
        for (int b = 0; b < conversations.Count; b++)
        {
            var c = conversations[b];
            if (c.SentenceVectors is null)
                throw new ArgumentException($"This model uses sentence vectors ({EncoderId}), but conversation '{c.Id}' has none.", nameof(conversations));
            for (int t = 0; t < c.Length; t++)
            {
                var vector = c.SentenceVectors[t];
                if (vector.Length != size)
                    throw new ArgumentException($"Conversation '{c.Id}', utterance {t}: a sentence vector of {vector.Length} values; the model reads {size}.", nameof(conversations));
                vector.CopyTo(values.AsSpan((b * layout.MaxUtterances + t) * size, size));
            }
        }
        return tensor(values, new long[] { conversations.Count, layout.MaxUtterances, size });            // [B, T, S]
    }

    /// <inheritdoc />
    public override nn.Module<Tensor, Tensor> CreateModule() => new SentenceVectorInput(Size, _dropout);

    /// <inheritdoc />
    public override void CheckInput(Tensor input)
    {
        if (input.shape[^1] != Size)
            throw new ArgumentException($"This model reads sentence vectors of {Size} values, but the batch has {input.shape[^1]}.", "batch");
    }

    /// <inheritdoc />
    public override ModelSummaryRow SummaryRow(string? parameterPrefix) => new(
        "sentences (SentenceVectorFeature)", $"(conversations, turns, {Size})", 0, parameterPrefix,
        $"{Size}-d vector of each utterance from the pretrained encoder {EncoderId}, scaled by √{Size}, joined to each utterance vector");
}
