namespace DialogueActs.Modeling.Transformers;

/// <summary>
/// The sizes of a BERT encoder (the fields of a Hugging Face <c>BertConfig</c> that shape its weights) and its
/// dropout. <see cref="MiniLmL6V2"/> has the sizes of all-MiniLM-L6-v2.
/// </summary>
/// <param name="VocabularySize">Word pieces in the vocabulary (<c>vocab_size</c>).</param>
/// <param name="HiddenSize">Size of every token's vector (<c>hidden_size</c>).</param>
/// <param name="Layers">Transformer layers (<c>num_hidden_layers</c>).</param>
/// <param name="Heads">Attention heads per layer (<c>num_attention_heads</c>); divides <paramref name="HiddenSize"/>.</param>
/// <param name="IntermediateSize">Size of the feed-forward layer's inner vector (<c>intermediate_size</c>).</param>
/// <param name="MaxPositions">Most positions a text can have (<c>max_position_embeddings</c>).</param>
/// <param name="TokenTypes">Token types, segment A and B (<c>type_vocab_size</c>).</param>
/// <param name="LayerNormEpsilon">The epsilon of every layer normalisation (<c>layer_norm_eps</c>).</param>
/// <param name="Dropout">
/// Dropout on the embeddings, the attention probabilities and each sub-layer's output while training
/// (<c>hidden_dropout_prob</c> and <c>attention_probs_dropout_prob</c>); nothing is dropped in eval mode.
/// </param>
public sealed record BertEncoderOptions(
    int VocabularySize,
    int HiddenSize,
    int Layers,
    int Heads,
    int IntermediateSize,
    int MaxPositions,
    int TokenTypes,
    double LayerNormEpsilon,
    double Dropout)
{
    /// <summary>all-MiniLM-L6-v2: 30,522 word pieces, 384 wide, 6 layers of 12 heads, 1,536 inner, 512 positions, dropout 0.1.</summary>
    public static BertEncoderOptions MiniLmL6V2 { get; } = new(30522, 384, 6, 12, 1536, 512, 2, 1e-12, 0.1);

    /// <summary>Size of one attention head: <see cref="HiddenSize"/> / <see cref="Heads"/>.</summary>
    public int HeadSize => HiddenSize / Heads;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first size that is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(VocabularySize, 1, nameof(VocabularySize));
        ArgumentOutOfRangeException.ThrowIfLessThan(HiddenSize, 1, nameof(HiddenSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(Layers, 1, nameof(Layers));
        ArgumentOutOfRangeException.ThrowIfLessThan(Heads, 1, nameof(Heads));
        if (HiddenSize % Heads != 0) throw new ArgumentException($"HiddenSize {HiddenSize} is not a multiple of Heads {Heads}.", nameof(Heads));
        ArgumentOutOfRangeException.ThrowIfLessThan(IntermediateSize, 1, nameof(IntermediateSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPositions, 1, nameof(MaxPositions));
        ArgumentOutOfRangeException.ThrowIfLessThan(TokenTypes, 1, nameof(TokenTypes));
        if (!(LayerNormEpsilon > 0)) throw new ArgumentOutOfRangeException(nameof(LayerNormEpsilon), LayerNormEpsilon, "must be positive");
        if (!(Dropout is >= 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "must be in [0, 1)");
    }
}
