using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DialogueActs.Modeling.Transformers;

/// <summary>
/// Multi-head scaled dot-product self-attention: queries, keys and values projected from the same token
/// vectors, each head attends with <c>softmax(q·kᵀ / √headSize + bias)</c>, the heads' outputs joined.
/// </summary>
internal sealed class BertSelfAttention : nn.Module<Tensor, Tensor, Tensor>
{
    // Field names are parameter names (RegisterComponents): those of Hugging Face's BertSelfAttention.
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly int _heads;
    private readonly int _headSize;
    private readonly double _dropout;

    public BertSelfAttention(BertEncoderOptions options) : base(nameof(BertSelfAttention))
    {
        query = nn.Linear(options.HiddenSize, options.HiddenSize);
        key = nn.Linear(options.HiddenSize, options.HiddenSize);
        value = nn.Linear(options.HiddenSize, options.HiddenSize);
        _heads = options.Heads;
        _headSize = options.HeadSize;
        _dropout = options.Dropout;
        RegisterComponents();
    }

    /// <summary>
    /// The attended vectors <c>[batch, tokens, hidden]</c> of <paramref name="hidden"/> <c>[batch, tokens, hidden]</c>;
    /// <paramref name="attentionBias"/> <c>[batch, 1, 1, tokens]</c> is added to every head's scores (0 for a real
    /// key, a large negative number for padding).
    /// </summary>
    public override Tensor forward(Tensor hidden, Tensor attentionBias)
    {
        using var scope = NewDisposeScope();
        long batch = hidden.shape[0], tokens = hidden.shape[1];
        Tensor Heads(Linear projection) =>
            projection.call(hidden).view(batch, tokens, _heads, _headSize).transpose(1, 2);                // [batch, heads, tokens, headSize]
        Tensor context = nn.functional.scaled_dot_product_attention(
            Heads(query), Heads(key), Heads(value), attentionBias, training ? _dropout : 0.0);           // [batch, heads, tokens, headSize]
        return context.transpose(1, 2).reshape(batch, tokens, _heads * _headSize).MoveToOuterDisposeScope(); // [batch, tokens, hidden]
    }
}
