using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Modeling.Transformers;

/// <summary>One transformer layer of BERT (post-LN): the attention sub-layer, then the feed-forward sub-layer.</summary>
internal sealed class BertLayer : nn.Module<Tensor, Tensor, Tensor>
{
    // Field names are parameter names (RegisterComponents): those of Hugging Face's BertLayer.
    private readonly BertAttention attention;
    private readonly BertIntermediate intermediate;
    private readonly BertResidualOutput output;

    public BertLayer(BertEncoderOptions options) : base(nameof(BertLayer))
    {
        attention = new BertAttention(options);
        intermediate = new BertIntermediate(options);
        output = new BertResidualOutput(options.IntermediateSize, options);
        RegisterComponents();
    }

    /// <summary><c>[batch, tokens, hidden]</c> and the bias <c>[batch, 1, 1, tokens]</c> → <c>[batch, tokens, hidden]</c>.</summary>
    public override Tensor forward(Tensor hidden, Tensor attentionBias)
    {
        using var scope = NewDisposeScope();
        Tensor attended = attention.call(hidden, attentionBias);                                            // [batch, tokens, hidden]
        return output.call(intermediate.call(attended), attended).MoveToOuterDisposeScope();
    }
}
