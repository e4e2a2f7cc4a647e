using DialogueActs.Modeling.Transformers;
using System.Buffers.Binary;
using Google.Protobuf;
using Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DialogueActs.Transformers;

/// <summary>
/// Copies a BERT ONNX graph's weights (as PyTorch exports a Hugging Face <c>BertModel</c>) into a <see cref="BertEncoder"/>.
/// </summary>
/// <remarks>
/// Embeddings, layer normalisations and biases are initializers named as the module's parameters. The weights of
/// the linear layers are unnamed initializers stored <c>[in, out]</c> as the second input of a <c>MatMul</c>; each is
/// found through its edge <c>MatMul → Add</c> to the named bias of the same layer (<c>….query.bias</c> for
/// <c>….query.weight</c>) and transposed. Initializers the module has no parameter for (the pooler) are ignored.
/// </remarks>
public static class OnnxBertWeights
{
    private const string WeightSuffix = ".weight";
    private const string BiasSuffix = ".bias";

    /// <summary>Reads the ONNX model in <paramref name="onnx"/> and loads its weights into <paramref name="encoder"/>.</summary>
    /// <param name="encoder">The module to fill; its sizes must be the graph's.</param>
    /// <param name="onnx">The model file's bytes (ONNX protobuf).</param>
    /// <param name="source">The model's name in error messages (a file path, a resource name).</param>
    /// <exception cref="DialogueActsException">
    /// Not an ONNX model, or the graph does not match the module: a parameter without initializer (or without a
    /// <c>MatMul → Add</c> edge to its bias), a shape or element type that differs. The message is one line.
    /// </exception>
    public static void Load(BertEncoder encoder, Stream onnx, string source)
    {
        ArgumentNullException.ThrowIfNull(onnx);
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(onnx);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new DialogueActsException($"{source}: not an ONNX model ({e.Message})", e);
        }
        Load(encoder, model, source);
    }

    /// <summary>Loads the weights of <paramref name="model"/>'s graph into <paramref name="encoder"/> (see <see cref="Load(BertEncoder, Stream, string)"/>).</summary>
    internal static void Load(BertEncoder encoder, ModelProto model, string source)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(model);
        GraphProto graph = model.Graph ?? throw new DialogueActsException($"{source}: the ONNX model has no graph");
        var initializers = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
        foreach (TensorProto initializer in graph.Initializer)
        {
            if (!initializers.TryAdd(initializer.Name, initializer))
                throw new DialogueActsException($"{source}: two initializers are named {initializer.Name}");
        }
        var producers = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        foreach (NodeProto node in graph.Node)
        {
            foreach (string output in node.Output) producers[output] = node;
        }

        // Every source is found and checked before the first copy, so a graph that does not match changes nothing.
        var plan = new List<(Parameter Target, TensorProto Source, bool Transposed)>();
        foreach ((string name, Parameter parameter) in encoder.named_parameters())
        {
            long[] shape = parameter.shape;
            if (initializers.TryGetValue(name, out TensorProto? named))
            {
                Check(named, shape, name, source);
                plan.Add((parameter, named, false));
            }
            else if (name.EndsWith(WeightSuffix, StringComparison.Ordinal) && shape.Length == 2)
            {
                TensorProto weight = MatMulWeight(graph, initializers, producers, name, source);
                Check(weight, [shape[1], shape[0]], name, source);
                plan.Add((parameter, weight, true));
            }
            else
            {
                throw new DialogueActsException($"{source}: the ONNX graph has no initializer {name}");
            }
        }

        using var noGrad = no_grad();
        foreach ((Parameter target, TensorProto weights, bool transposed) in plan)
        {
            using var scope = NewDisposeScope();
            Tensor values = tensor(Values(weights), weights.Dims.ToArray());                               // as stored: [in, out] for a MatMul weight
            target.copy_(transposed ? values.t() : values);                                                 // nn.Linear keeps [out, in]
        }
    }

    // The second input of the MatMul whose output the Add of `name`'s bias reads: MatMul(x, W) → Add(bias, ·).
    private static TensorProto MatMulWeight(GraphProto graph, Dictionary<string, TensorProto> initializers,
        Dictionary<string, NodeProto> producers, string name, string source)
    {
        string bias = name[..^WeightSuffix.Length] + BiasSuffix;
        if (!initializers.ContainsKey(bias))
            throw new DialogueActsException($"{source}: the ONNX graph has no initializer {bias} (it leads to the weight {name})");
        foreach (NodeProto add in graph.Node.Where(n => n.OpType == "Add" && n.Input.Count == 2 && n.Input.Contains(bias)))
        {
            string other = add.Input[0] == bias ? add.Input[1] : add.Input[0];
            if (producers.TryGetValue(other, out NodeProto? matMul) && matMul.OpType == "MatMul" && matMul.Input.Count == 2
                && initializers.TryGetValue(matMul.Input[1], out TensorProto? weight))
            {
                return weight;
            }
        }
        throw new DialogueActsException($"{source}: no MatMul with a constant weight feeds the Add of {bias} (the weight {name})");
    }

    private static void Check(TensorProto initializer, long[] expected, string name, string source)
    {
        if (initializer.DataType != (int)TensorProto.Types.DataType.Float)
            throw new DialogueActsException($"{source}: initializer {initializer.Name} for {name} has element type {(TensorProto.Types.DataType)initializer.DataType}, expected Float");
        if (!initializer.Dims.SequenceEqual(expected))
            throw new DialogueActsException($"{source}: initializer {initializer.Name} for {name} has shape [{string.Join(", ", initializer.Dims)}], expected [{string.Join(", ", expected)}]");
        long count = expected.Aggregate(1L, (a, b) => a * b);
        long stored = initializer.RawData.Length > 0 ? initializer.RawData.Length / sizeof(float) : initializer.FloatData.Count;
        if (stored != count || (initializer.RawData.Length > 0 && initializer.RawData.Length % sizeof(float) != 0))
            throw new DialogueActsException($"{source}: initializer {initializer.Name} for {name} holds {stored} values, its shape {count}");
    }

    // Raw data is little-endian (ONNX); otherwise the values are in float_data.
    private static float[] Values(TensorProto initializer)
    {
        if (initializer.RawData.Length == 0) return initializer.FloatData.ToArray();
        ReadOnlySpan<byte> raw = initializer.RawData.Span;
        var values = new float[raw.Length / sizeof(float)];
        for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(i * sizeof(float), sizeof(float)));
        return values;
    }
}
