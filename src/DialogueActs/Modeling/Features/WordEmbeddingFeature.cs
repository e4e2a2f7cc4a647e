using DialogueActs.Text;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// The word embedding: one trained vector per vocabulary id (<c>model.embeddingDim</c>), row 0 (padding)
/// fixed at zero. Every model has it, as its first word feature. Its module is a plain
/// <see cref="Embedding"/>, whose weight <c>[vocabulary, embeddingDim]</c> takes pretrained (GloVe) vectors.
/// </summary>
public sealed class WordEmbeddingFeature : WordFeature
{
    /// <summary>The feature's name.</summary>
    public const string FeatureName = "words";

    /// <summary>Creates the feature.</summary>
    /// <param name="vocabularySize">Vocabulary size; id 0 is padding.</param>
    /// <param name="embeddingDim">Embedding size.</param>
    public WordEmbeddingFeature(int vocabularySize, int embeddingDim)
    {
        VocabularySize = vocabularySize;
        Size = embeddingDim;
    }

    /// <summary>Vocabulary size, padding and unknown ids included.</summary>
    public int VocabularySize { get; }

    /// <inheritdoc />
    public override string Name => FeatureName;

    /// <inheritdoc />
    public override int Size { get; }

    /// <inheritdoc />
    public override string ModuleName => "_embedding";

    /// <inheritdoc />
    public override string InputName => Batch.TokenInput;

    /// <inheritdoc />
    public override long ParameterCount => (long)VocabularySize * Size;

    /// <summary>The feature of every model.</summary>
    public static WordEmbeddingFeature From(ModelOptions options, ModelDimensions dimensions) => new(dimensions.VocabularySize, options.EmbeddingDim);

    /// <summary>The size options of the feature: <c>embeddingDim</c> is at least 1.</summary>
    public static IEnumerable<ModelSize> Sizes(ModelOptions options) => [new("embeddingDim", options.EmbeddingDim, 1)];

    /// <summary>The embedding weight <c>[vocabulary, embeddingDim]</c> of a module this feature created (for pretrained initialisation).</summary>
    public static TorchSharp.Modules.Parameter Weight(nn.Module<Tensor, Tensor> module) => ((Embedding)module).weight!;

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: the batch builder makes the token ids every feature shares.</exception>
    public override Tensor BuildInput(IReadOnlyList<EncodedConversation> conversations, BatchLayout layout) =>
        throw new NotSupportedException($"The word embedding reads the batch's '{Batch.TokenInput}' input.");

    /// <inheritdoc />
    public override nn.Module<Tensor, Tensor> CreateModule() => nn.Embedding(VocabularySize, Size, padding_idx: 0);

    /// <inheritdoc />
    public override ModelSummaryRow SummaryRow(string? parameterPrefix) => new(
        "embedding (Embedding)", $"(utterances, tokens, {Size})", ParameterCount, parameterPrefix,
        $"{VocabularySize} words × {Size} dims; row 0 is padding");
}
