using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DialogueActs.Modeling.Transformers;

/// <summary>
/// The trained part of <see cref="TransformerUtteranceFeature"/>: the encoder's top layers, run on the frozen states
/// below them, then pooled into one vector per text, then dropout. Texts of similar length run together (length
/// buckets), so little padding is computed; padding never changes a real piece's state.
/// </summary>
internal sealed class TransformerUtteranceEncoder : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Fixed cost of one batch call, in padded pieces, for choosing buckets.</summary>
    private const int CallCostInPieces = 16;

    // Field name is the parameter name (RegisterComponents): layer.{i}.… as in Hugging Face's BertEncoder.
    private readonly ModuleList<BertLayer> layer;
    private readonly ParallelDropout _dropout;
    private readonly TransformerPooling _pooling;

    /// <summary>Creates the module with random weights.</summary>
    /// <param name="options">The encoder's sizes.</param>
    /// <param name="layers">How many top layers it runs (0: none, the states are pooled as they are).</param>
    /// <param name="pooling">How the states become one vector.</param>
    /// <param name="dropout">Dropout on the pooled vector in training.</param>
    public TransformerUtteranceEncoder(BertEncoderOptions options, int layers, TransformerPooling pooling, double dropout) : base(nameof(TransformerUtteranceEncoder))
    {
        layer = nn.ModuleList(Enumerable.Range(0, layers).Select(_ => new BertLayer(options)).ToArray());
        _dropout = new ParallelDropout(dropout);
        _pooling = pooling;
        RegisterComponents();
    }

    /// <summary>Parameters of one layer, in the archive: <c>4·H² + 2·H·I + 9·H + I</c>.</summary>
    public static long LayerParameters(BertEncoderOptions o) =>
        4L * o.HiddenSize * o.HiddenSize + 2L * o.HiddenSize * o.IntermediateSize + 9L * o.HiddenSize + o.IntermediateSize;

    /// <summary>Copies the weights of <paramref name="encoder"/>'s top layers into this module's layers.</summary>
    public void CopyTopLayers(BertEncoder encoder)
    {
        int first = encoder.Layers - layer.Count;
        var source = encoder.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using var noGrad = torch.no_grad();
        foreach (var (name, parameter) in named_parameters())
        {
            // layer.{j}.rest ← encoder.layer.{first + j}.rest
            var parts = name.Split('.', 3);
            var from = $"encoder.layer.{first + int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)}.{parts[2]}";
            parameter.copy_(source[from]);
        }
    }

    /// <summary>One vector per text: <c>[texts, hidden]</c>.</summary>
    /// <param name="states">The frozen states below the top layers, <c>[texts, pieces, hidden]</c>, padded after each text.</param>
    /// <param name="lengths">Each text's pieces, <c>[texts]</c> int64 on the CPU, each ≥ 1.</param>
    public override Tensor forward(Tensor states, Tensor lengths)
    {
        using var scope = torch.NewDisposeScope();
        var lengthValues = lengths.data<long>().ToArray();
        var order = Enumerable.Range(0, lengthValues.Length).OrderBy(i => lengthValues[i]).ToArray();
        var buckets = LengthBuckets.Split(order.Select(i => lengthValues[i]).ToArray(), CallCostInPieces);
        var parts = new List<Tensor>(buckets.Count);
        foreach (var (start, count) in buckets)
        {
            var members = order.AsSpan(start, count).ToArray();
            long width = lengthValues[members[^1]];
            var rows = torch.tensor(members);                                                                // [n]
            var hidden = states.index_select(0, rows).narrow(1, 0, width);                                   // [n, w, H]
            var memberLengths = torch.tensor(members.Select(m => lengthValues[m]).ToArray());              // [n]
            var mask = torch.arange(width).unsqueeze(0).lt(memberLengths.unsqueeze(1));                      // [n, w]
            var bias = mask.logical_not().to(hidden.dtype).mul(KeptScalars.PaddingBias).unsqueeze(1).unsqueeze(2);                  // [n, 1, 1, w]
            foreach (var block in layer) hidden = block.call(hidden, bias);                                  // [n, w, H]
            parts.Add(_pooling == TransformerPooling.Cls ? hidden.select(1, 0) : SentencePooling.Mean(hidden, mask)); // [n, H]
        }
        var inverse = new long[order.Length];
        for (int position = 0; position < order.Length; position++) inverse[order[position]] = position;
        var pooled = torch.cat(parts, 0).index_select(0, torch.tensor(inverse));                              // [texts, H]
        return _dropout.call(pooled).MoveToOuterDisposeScope();
    }
}
