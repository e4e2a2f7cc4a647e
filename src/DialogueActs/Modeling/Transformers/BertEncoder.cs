using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DialogueActs.Modeling.Transformers;

/// <summary>
/// A BERT encoder without pooler, as a TorchSharp module: embeddings (word + position + token type, layer
/// normalisation), then <see cref="BertEncoderOptions.Layers"/> post-LN transformer layers (self-attention and a GELU
/// feed-forward layer, each with residual and layer normalisation). Its parameters carry Hugging Face's names
/// (<c>embeddings.word_embeddings.weight</c>, <c>encoder.layer.0.attention.self.query.weight</c>, …), so a
/// checkpoint reads like a <c>BertModel</c>'s. <see cref="MiniLm.LoadEncoder"/> gives all-MiniLM-L6-v2.
/// </summary>
/// <remarks>
/// Hidden states are numbered as Hugging Face's <c>hidden_states</c>: state 0 is the embeddings' output, state
/// <c>i</c> the output of layer <c>i - 1</c>, and the last one is <c>last_hidden_state</c>. The layers can be run
/// in two parts: <see cref="Embed"/> and <see cref="RunLayers"/> over <c>[0, k)</c> once per text (frozen with
/// <see cref="FreezeBelow"/>, and cached), then <see cref="RunLayers"/> over <c>[k, Layers)</c>, which gives the
/// same states as one <see cref="forward"/>. Padding never changes a real token's state: padded keys get a bias of
/// −10,000 before the softmax, as in the ONNX graph, whose weight is then exactly 0 in float32 and bfloat16.
/// The layers run in the type of the module's parameters (convert the module with <c>to(ScalarType.BFloat16)</c> to
/// run in bfloat16); states given to <see cref="RunLayers"/> are converted to it.
/// </remarks>
public sealed class BertEncoder : nn.Module<Tensor, Tensor, Tensor[]>
{
    // Field names are parameter names (RegisterComponents): those of Hugging Face's BertModel.
    private readonly BertEmbeddings embeddings;
    private readonly BertLayerStack encoder;

    /// <summary>Creates an encoder with randomly initialised weights (load real ones with <see cref="OnnxBertWeights.Load(BertEncoder, Stream, string)"/>).</summary>
    /// <exception cref="ArgumentException">A size in <paramref name="options"/> is out of range.</exception>
    public BertEncoder(BertEncoderOptions options) : base(nameof(BertEncoder))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        embeddings = new BertEmbeddings(options);
        encoder = new BertLayerStack(options);
        RegisterComponents();
    }

    /// <summary>The encoder's sizes.</summary>
    public BertEncoderOptions Options { get; }

    /// <summary>Number of transformer layers.</summary>
    public int Layers => Options.Layers;

    /// <summary>
    /// Every hidden state of a padded batch: <see cref="Layers"/> + 1 tensors <c>[batch, tokens, hidden]</c>, state 0
    /// the embeddings' output and the last one <c>last_hidden_state</c>.
    /// </summary>
    /// <param name="inputIds">Word-piece ids <c>[batch, tokens]</c> (int64), [CLS] first and [SEP] last, padding after.</param>
    /// <param name="attentionMask"><c>[batch, tokens]</c>: 1 (or true) for a real token, 0 for padding.</param>
    public override Tensor[] forward(Tensor inputIds, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        Tensor embedded = Embed(inputIds);                                                                  // [batch, tokens, hidden]
        Tensor[] states = [embedded, .. RunLayers(embedded, attentionMask, 0, Layers)];
        foreach (Tensor state in states) state.MoveToOuterDisposeScope();
        return states;
    }

    /// <summary>Hidden state 0, the embeddings' output <c>[batch, tokens, hidden]</c> of <paramref name="inputIds"/> <c>[batch, tokens]</c>.</summary>
    /// <exception cref="ArgumentException">More tokens than <see cref="BertEncoderOptions.MaxPositions"/>.</exception>
    public Tensor Embed(Tensor inputIds)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        return embeddings.call(inputIds);
    }

    /// <summary>
    /// Runs layers <c>[start, end)</c>: hidden states <c>start + 1</c> to <c>end</c>, <c>end - start</c> tensors
    /// <c>[batch, tokens, hidden]</c>.
    /// </summary>
    /// <param name="hidden">Hidden state <paramref name="start"/> <c>[batch, tokens, hidden]</c> (the input of layer <paramref name="start"/>).</param>
    /// <param name="attentionMask"><c>[batch, tokens]</c>: 1 (or true) for a real token, 0 for padding.</param>
    /// <param name="start">First layer to run, from 0.</param>
    /// <param name="end">One past the last layer to run, at most <see cref="Layers"/>.</param>
    public Tensor[] RunLayers(Tensor hidden, Tensor attentionMask, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(attentionMask);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, Layers);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, end);
        using var scope = NewDisposeScope();
        ScalarType type = ParameterType;
        Tensor bias = AttentionBias(attentionMask, type);                                                   // [batch, 1, 1, tokens]
        Tensor[] states = encoder.Run(hidden.to(type), bias, start, end);
        foreach (Tensor state in states) state.MoveToOuterDisposeScope();
        return states;
    }

    /// <summary>
    /// Freezes the embeddings and layers <c>[0, layers)</c> (no gradient reaches them) and unfreezes layers
    /// <c>[layers, Layers)</c>; 0 unfreezes everything.
    /// </summary>
    public void FreezeBelow(int layers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layers);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(layers, Layers);
        foreach (Parameter parameter in embeddings.parameters()) parameter.requires_grad = layers == 0;
        for (int i = 0; i < Layers; i++)
        {
            foreach (Parameter parameter in encoder.LayerParameters(i)) parameter.requires_grad = i >= layers;
        }
    }

    private ScalarType ParameterType => encoder.parameters().First().dtype;

    // 0 for a real key, PaddingBias for padding: [batch, tokens] → [batch, 1, 1, tokens], added to every head's scores.
    private static Tensor AttentionBias(Tensor attentionMask, ScalarType type) =>
        attentionMask.logical_not().to(type).mul(KeptScalars.PaddingBias).unsqueeze(1).unsqueeze(2);
}
