using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Modeling.Transformers;

/// <summary>A BERT layer's attention sub-layer: self-attention, then projection, residual and layer normalisation.</summary>
internal sealed class BertAttention : nn.Module<Tensor, Tensor, Tensor>
{
    // Field names are parameter names (RegisterComponents): those of Hugging Face's BertAttention.
    private readonly BertSelfAttention self;
    private readonly BertResidualOutput output;

    public BertAttention(BertEncoderOptions options) : base(nameof(BertAttention))
    {
        self = new BertSelfAttention(options);
        output = new BertResidualOutput(options.HiddenSize, options);
        RegisterComponents();
    }

    /// <summary><c>[batch, tokens, hidden]</c> and the bias <c>[batch, 1, 1, tokens]</c> → <c>[batch, tokens, hidden]</c>.</summary>
    public override Tensor forward(Tensor hidden, Tensor attentionBias)
    {
        using var scope = NewDisposeScope();
        return output.call(self.call(hidden, attentionBias), hidden).MoveToOuterDisposeScope();
    }
}
