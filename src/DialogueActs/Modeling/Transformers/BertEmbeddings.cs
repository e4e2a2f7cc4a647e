using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DialogueActs.Modeling.Transformers;

/// <summary>
/// BERT's input layer: word, position and token-type embeddings added, then layer normalisation and dropout.
/// Every text is one segment, so the token type is 0 everywhere.
/// </summary>
internal sealed class BertEmbeddings : nn.Module<Tensor, Tensor>
{
    // Field names are parameter names (RegisterComponents): those of Hugging Face's BertEmbeddings.
    private readonly Embedding word_embeddings;
    private readonly Embedding position_embeddings;
    private readonly Embedding token_type_embeddings;
    private readonly LayerNorm LayerNorm;
    private readonly Dropout dropout;
    private readonly int _maxPositions;

    public BertEmbeddings(BertEncoderOptions options) : base(nameof(BertEmbeddings))
    {
        word_embeddings = nn.Embedding(options.VocabularySize, options.HiddenSize);
        position_embeddings = nn.Embedding(options.MaxPositions, options.HiddenSize);
        token_type_embeddings = nn.Embedding(options.TokenTypes, options.HiddenSize);
        LayerNorm = nn.LayerNorm(options.HiddenSize, options.LayerNormEpsilon);
        dropout = nn.Dropout(options.Dropout);
        _maxPositions = options.MaxPositions;
        RegisterComponents();
    }

    /// <summary>Token vectors <c>[batch, tokens, hidden]</c> of word-piece ids <c>[batch, tokens]</c> (int64).</summary>
    public override Tensor forward(Tensor inputIds)
    {
        long tokens = inputIds.shape[1];
        if (tokens > _maxPositions) throw new ArgumentException($"{tokens} tokens, more than the {_maxPositions} positions the encoder has.", nameof(inputIds));
        using var scope = NewDisposeScope();
        Tensor positions = arange(tokens, dtype: ScalarType.Int64, device: inputIds.device);             // [tokens]
        Tensor sum = word_embeddings.call(inputIds)                                                         // [batch, tokens, hidden]
                     .add(position_embeddings.call(positions), KeptScalars.One)                             // [tokens, hidden]
                     .add(token_type_embeddings.weight![0], KeptScalars.One);                               // [hidden]: type 0
        return dropout.call(LayerNorm.call(sum)).MoveToOuterDisposeScope();
    }
}
