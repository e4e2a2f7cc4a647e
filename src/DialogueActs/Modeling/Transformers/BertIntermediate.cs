using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DialogueActs.Modeling.Transformers;

/// <summary>
/// The inner half of a BERT layer's feed-forward sub-layer: a linear projection to the intermediate size, then
/// GELU in its exact form <c>x · ½(1 + erf(x / √2))</c> (the form all-MiniLM-L6-v2's ONNX graph computes).
/// </summary>
internal sealed class BertIntermediate : nn.Module<Tensor, Tensor>
{
    // Field name is the parameter name (RegisterComponents): that of Hugging Face's BertIntermediate.
    private readonly Linear dense;

    public BertIntermediate(BertEncoderOptions options) : base(nameof(BertIntermediate))
    {
        dense = nn.Linear(options.HiddenSize, options.IntermediateSize);
        RegisterComponents();
    }

    /// <summary><c>[batch, tokens, hidden]</c> → <c>[batch, tokens, intermediate]</c>.</summary>
    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return nn.functional.gelu(dense.call(hidden)).MoveToOuterDisposeScope();
    }
}
