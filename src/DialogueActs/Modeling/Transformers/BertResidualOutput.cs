using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DialogueActs.Modeling.Transformers;

/// <summary>
/// The end of a BERT sub-layer (post-LN): a linear projection, dropout, the sub-layer's input added back,
/// then layer normalisation. Hugging Face's BertSelfOutput (after attention) and BertOutput (after the
/// feed-forward layer) are both this.
/// </summary>
internal sealed class BertResidualOutput : nn.Module<Tensor, Tensor, Tensor>
{
    // Field names are parameter names (RegisterComponents): those of Hugging Face's BertSelfOutput and BertOutput.
    private readonly Linear dense;
    private readonly LayerNorm LayerNorm;
    private readonly Dropout dropout;

    public BertResidualOutput(int input, BertEncoderOptions options) : base(nameof(BertResidualOutput))
    {
        dense = nn.Linear(input, options.HiddenSize);
        LayerNorm = nn.LayerNorm(options.HiddenSize, options.LayerNormEpsilon);
        dropout = nn.Dropout(options.Dropout);
        RegisterComponents();
    }

    /// <summary><c>LayerNorm(dropout(dense(x)) + residual)</c>: <c>[batch, tokens, input]</c>, <c>[batch, tokens, hidden]</c> → <c>[batch, tokens, hidden]</c>.</summary>
    public override Tensor forward(Tensor x, Tensor residual)
    {
        using var scope = NewDisposeScope();
        return LayerNorm.call(dropout.call(dense.call(x)).add(residual, KeptScalars.One)).MoveToOuterDisposeScope();
    }
}
