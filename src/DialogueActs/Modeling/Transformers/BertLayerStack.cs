using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DialogueActs.Modeling.Transformers;

/// <summary>BERT's stack of transformer layers (Hugging Face's BertEncoder), run in any contiguous range.</summary>
internal sealed class BertLayerStack : nn.Module
{
    // Field name is the parameter name (RegisterComponents): encoder.layer.{i}.… as in Hugging Face's BertEncoder.
    private readonly ModuleList<BertLayer> layer;

    public BertLayerStack(BertEncoderOptions options) : base(nameof(BertLayerStack))
    {
        layer = nn.ModuleList(Enumerable.Range(0, options.Layers).Select(_ => new BertLayer(options)).ToArray());
        RegisterComponents();
    }

    /// <summary>
    /// Runs layers <c>[start, end)</c> on <paramref name="hidden"/> <c>[batch, tokens, hidden]</c> (the input of layer
    /// <paramref name="start"/>): the output of each, <c>end - start</c> tensors <c>[batch, tokens, hidden]</c>.
    /// </summary>
    public Tensor[] Run(Tensor hidden, Tensor attentionBias, int start, int end)
    {
        var outputs = new Tensor[end - start];
        for (int i = start; i < end; i++)
        {
            hidden = layer[i].call(hidden, attentionBias);
            outputs[i - start] = hidden;
        }
        return outputs;
    }

    /// <summary>The parameters of layer <paramref name="index"/>.</summary>
    public IEnumerable<Parameter> LayerParameters(int index) => layer[index].parameters();
}
