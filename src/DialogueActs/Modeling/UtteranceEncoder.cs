using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// Joins the word features of every token (the word embedding, and character features when the model
/// has them: a stack, like flair's <c>StackedEmbeddings</c>) of every utterance of every conversation in a
/// batch and runs a bidirectional LSTM over all of them at once (the Keras <c>TimeDistributed(Bidirectional(LSTM))</c> of Kumar et al. 2018).
/// The utterance vector joins the final forward state and the final backward state, so padding
/// tokens never reach it.
/// </summary>
/// <remarks>
/// The two directions are two LSTM layers of hidden size H (together exactly one bidirectional
/// layer). The backward layer reads each utterance reversed within its true length, so in both
/// directions the state after the utterance's last real token sits at position <c>length - 1</c>,
/// and padding after it cannot reach the result. With max pooling, the element-wise maximum over the
/// real positions of both directions' outputs (padding masked out) joins the final states. That lets utterances of similar length run as one
/// dense, unpacked kernel call per length bucket: on CPU libtorch projects all inputs in one large matrix product for unpacked input,
/// while its packed path steps and back-propagates through every time step with small products. Tests show that a
/// batch encodes every utterance as it encodes it alone.
/// </remarks>
public sealed class UtteranceEncoder : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Fixed cost of one LSTM time step, in padded tokens, for choosing buckets.</summary>
    private const int StepCostInTokens = 8;

    private readonly WordFeature[] _features;
    private readonly nn.Module<Tensor, Tensor>[] _featureModules;
    private readonly ParallelDropout _dropout;
    private readonly LSTM _lstmForward;
    private readonly LSTM _lstmBackward;
    private readonly bool _maxPooling;
    private ScalarType _lstmType = ScalarType.Float32;

    /// <summary>Creates the encoder.</summary>
    /// <param name="features">
    /// The word features, joined in this order into each token's vector (see <see cref="FeatureSet.WordFeatures"/>).
    /// Their modules are registered under <see cref="ModelFeature.ModuleName"/>: the first before the LSTMs, the
    /// others after them, the parameter order of every model file so far (embedding, LSTMs, characters).
    /// </param>
    /// <param name="hidden">LSTM hidden size per direction.</param>
    /// <param name="dropout">Dropout on the joined word vectors.</param>
    /// <param name="maxPooling">Also max-pool both directions' outputs over the real tokens.</param>
    /// <exception cref="ArgumentException">No word feature, or two with the same module name.</exception>
    public UtteranceEncoder(IReadOnlyList<WordFeature> features, int hidden, double dropout, bool maxPooling = false) : base(nameof(UtteranceEncoder))
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count == 0) throw new ArgumentException("The utterance encoder needs at least one word feature.", nameof(features));
        if (features.Select(f => f.ModuleName).Distinct(StringComparer.Ordinal).Count() != features.Count)
            throw new ArgumentException("Two word features have the same module name.", nameof(features));
        _maxPooling = maxPooling;
        _features = features.ToArray();
        _featureModules = _features.Select(f => f.CreateModule()).ToArray();                               // in feature order: the order random initialisation has always drawn in
        _dropout = new ParallelDropout(dropout);
        int input = _features.Sum(f => f.Size);
        _lstmForward = nn.LSTM(input, hidden, numLayers: 1, batchFirst: true);
        _lstmBackward = nn.LSTM(input, hidden, numLayers: 1, batchFirst: true);
        OutputSize = (maxPooling ? 4 : 2) * hidden;
        register_module(_features[0].ModuleName!, _featureModules[0]);
        RegisterComponents();
        for (int i = 1; i < _features.Length; i++) register_module(_features[i].ModuleName!, _featureModules[i]);
    }

    /// <summary>Size of the utterance vector: twice the hidden size, four times with max pooling.</summary>
    public int OutputSize { get; }

    /// <summary>The word features, in the order their vectors are joined.</summary>
    public IReadOnlyList<WordFeature> Features => _features;

    /// <summary>The module of the word feature named <paramref name="name"/>, or null when the encoder has no such feature.</summary>
    public nn.Module<Tensor, Tensor>? FeatureModule(string name)
    {
        int index = Array.FindIndex(_features, f => f.Name == name);
        return index < 0 ? null : _featureModules[index];
    }

    /// <summary>
    /// Encode each distinct utterance once when no gradient is recorded and the encoder is in eval mode (the default):
    /// rows equal in every word feature's input and in length get the same vector, computed once. Exact: the
    /// result equals encoding every row.
    /// </summary>
    public bool Deduplicate { get; set; } = true;

    /// <summary>The element type the two LSTMs compute in: float32, or bfloat16 after <see cref="UseLstmPrecision"/>.</summary>
    public ScalarType LstmPrecision => _lstmType;

    /// <summary>
    /// Converts the two LSTMs' weights to <paramref name="type"/> in place; their inputs are converted to it and
    /// their outputs back to float32. For inference only: the converted weights are what a later save would write.
    /// </summary>
    /// <param name="type"><see cref="ScalarType.Float32"/> or <see cref="ScalarType.BFloat16"/>.</param>
    /// <exception cref="ArgumentException">Another type.</exception>
    internal void UseLstmPrecision(ScalarType type)
    {
        if (type is not (ScalarType.Float32 or ScalarType.BFloat16))
            throw new ArgumentException($"The utterance LSTMs compute in Float32 or BFloat16, not {type}.", nameof(type));
        using var noGrad = torch.no_grad();
        _lstmForward.to(type);
        _lstmBackward.to(type);
        _lstmType = type;
    }

    /// <summary>Encodes utterances of a model whose word features read token ids only.</summary>
    /// <param name="tokens">Token ids padded with 0, <c>[utterances, maxTokens]</c>.</param>
    /// <param name="lengths">True token counts, <c>[utterances]</c>, int64 on the CPU, each ≥ 1.</param>
    /// <returns>Utterance vectors, <c>[utterances, OutputSize]</c>.</returns>
    public override Tensor forward(Tensor tokens, Tensor lengths) => Encode(tokens, lengths, new Dictionary<string, Tensor>());

    /// <summary>Encodes the utterances of a batch.</summary>
    /// <returns>Utterance vectors, <c>[utterances, OutputSize]</c>.</returns>
    public Tensor Encode(Batch batch) => Encode(batch.Tokens, batch.TokenLengths, batch.Inputs);

    /// <summary>Encodes utterances.</summary>
    /// <param name="tokens">Token ids padded with 0, <c>[utterances, maxTokens]</c>.</param>
    /// <param name="lengths">True token counts, <c>[utterances]</c>, int64 on the CPU, each ≥ 1.</param>
    /// <param name="inputs">The word features' own inputs by name, each <c>[utterances, maxTokens, ...]</c> (see <see cref="Batch.Inputs"/>).</param>
    /// <returns>Utterance vectors, <c>[utterances, OutputSize]</c>: final forward state, final backward state and, with max pooling, the forward and backward maxima.</returns>
    /// <exception cref="ArgumentException">A feature's input is missing.</exception>
    public Tensor Encode(Tensor tokens, Tensor lengths, IReadOnlyDictionary<string, Tensor> inputs)
    {
        var featureInputs = new Tensor[_features.Length];
        for (int i = 0; i < _features.Length; i++)
        {
            var feature = _features[i];
            featureInputs[i] = feature.InputName == Batch.TokenInput ? tokens
                : inputs.GetValueOrDefault(feature.InputName) ?? throw new ArgumentException(feature.MissingInputMessage(), nameof(inputs));
            feature.CheckInput(featureInputs[i]);
        }
        using var scope = torch.NewDisposeScope();
        var lengthValues = lengths.data<long>().ToArray();
        if (Deduplicate && !training && !torch.is_grad_enabled())
        {
            var (firsts, expand) = DistinctRows.Find(featureInputs, lengthValues);
            if (firsts.Length < lengthValues.Length)
            {
                var rows = torch.tensor(firsts);                                                           // [D]
                var distinct = EncodeBuckets(featureInputs.Select(x => x.index_select(0, rows)).ToArray(),
                    firsts.Select(r => lengthValues[r]).ToArray(), tokens.shape[1]);                       // [D, out]
                return distinct.index_select(0, torch.tensor(expand)).MoveToOuterDisposeScope();          // [U, out]
            }
        }
        return EncodeBuckets(featureInputs, lengthValues, tokens.shape[1]).MoveToOuterDisposeScope();     // [U, out]
    }


    /// <summary>
    /// Every word feature of the tokens at <paramref name="positions"/>, joined in feature order, then dropout.
    /// </summary>
    /// <param name="inputs">The features' inputs, each <c>[U, L, ...]</c>.</param>
    /// <param name="positions">Flat token positions <c>u · L + i</c>, <c>[n]</c>; null for all <c>U · L</c> positions in order.</param>
    /// <returns><c>[n, Σ sizes]</c>.</returns>
    private Tensor WordVectors(Tensor[] inputs, Tensor? positions)
    {
        var vectors = new Tensor[_features.Length];
        for (int i = 0; i < _features.Length; i++)
        {
            var input = inputs[i];
            var flat = input.reshape(input.shape.Skip(2).Prepend(input.shape[0] * input.shape[1]).ToArray()); // [U*L, ...]
            vectors[i] = _featureModules[i].call(positions is null ? flat : flat.index_select(0, positions));  // [n, size_i]
        }
        var joined = vectors.Length == 1 ? vectors[0] : torch.cat(vectors, -1);                             // [n, Σ sizes]
        return _dropout.call(joined);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // hot loops run a few times per call: skip the unoptimised first tier
    private Tensor EncodeBuckets(Tensor[] inputs, long[] lengths, long width)
    {
        var order = Enumerable.Range(0, lengths.Length).OrderBy(i => lengths[i]).ToArray();
        var buckets = LengthBuckets.Split(order.Select(i => lengths[i]).ToArray(), StepCostInTokens);

        // All buckets' padded token blocks laid end to end, so each feature module (and its backward) runs once.
        // A slot past an utterance's length points at one of its padding positions (those within the bucket width).
        long flatLength = buckets.Sum(bucket => (long)bucket.Count * lengths[order[bucket.Start + bucket.Count - 1]]);
        var positions = new long[flatLength];
        long offset = 0;
        foreach (var (start, count) in buckets)
        {
            long bucketWidth = lengths[order[start + count - 1]];
            for (int m = start; m < start + count; m++)
                for (long i = 0; i < bucketWidth; i++) positions[offset++] = order[m] * width + i;
        }
        var embedded = WordVectors(inputs, torch.tensor(positions));                                       // [F, E]

        var parts = new List<Tensor>(buckets.Count);
        offset = 0;
        foreach (var (start, count) in buckets)
        {
            var members = order.AsSpan(start, count).ToArray();
            var memberLengths = members.Select(i => lengths[i]).ToArray();
            long bucketWidth = memberLengths[^1];
            var block = embedded.narrow(0, offset, count * bucketWidth).view(count, bucketWidth, -1);        // [n, w, E]
            var reversed = SequenceReversal.Apply(block, SequenceReversal.Index(memberLengths, bucketWidth));      // [n, w, E]
            var last = torch.tensor(memberLengths.Select(l => l - 1).ToArray()).view(-1, 1, 1);            // [n, 1, 1]
            var (forward, forwardMax) = Run(_lstmForward, block, last);                                    // [n, H] each
            var (backward, backwardMax) = Run(_lstmBackward, reversed, last);                              // [n, H] each
            parts.Add(_maxPooling
                ? torch.cat(new[] { forward, backward, forwardMax!, backwardMax! }, 1)                     // [n, 4H]
                : torch.cat(new[] { forward, backward }, 1));                                              // [n, 2H]
            offset += count * bucketWidth;
        }
        var inverse = new long[order.Length];
        for (int position = 0; position < order.Length; position++) inverse[order[position]] = position;
        return torch.cat(parts, 0).index_select(0, torch.tensor(inverse));                                // [U, 2H] in input order
    }

    /// <summary>
    /// The LSTM state after each sequence's last real token (its output at <c>length - 1</c>) and, with
    /// max pooling, the maximum of its outputs over positions 0 .. length-1.
    /// </summary>
    private (Tensor Final, Tensor? Max) Run(LSTM lstm, Tensor input, Tensor last)
    {
        var (output, _, _) = lstm.call(input.to_type(_lstmType));                                          // output: [n, w, H]
        var index = last.expand(-1, 1, output.shape[2]);                                                   // [n, 1, H]
        var final = output.gather(1, index).squeeze(1).to_type(ScalarType.Float32);                        // [n, H]
        return (final, _maxPooling ? MaskedMax(output, last).to_type(ScalarType.Float32) : null);
    }

    /// <summary>
    /// The maximum over positions 0 .. last of each row. Padding is replaced through <c>where</c> with a
    /// tensor, not <c>masked_fill</c> with a scalar: TorchSharp's temporary native scalar can be
    /// finalised while libtorch still reads it (seen as "Expected false to be true" from
    /// <c>Scalar::toFloat</c> after hours of training). <c>max</c> rather than <c>amax</c>: the same values, and its
    /// backward scatters the gradient to the recorded positions instead of comparing the whole output with the maxima.
    /// </summary>
    private static Tensor MaskedMax(Tensor output, Tensor last)
    {
        var positions = torch.arange(output.shape[1]).view(1, -1, 1);                                      // [1, w, 1]
        var padding = positions.gt(last);                                                                  // [n, w, 1]
        var lowest = torch.tensor(float.NegativeInfinity, dtype: output.dtype);                            // []
        var (values, _) = torch.where(padding, lowest, output).max(1);                                      // [n, H]
        return values;
    }
}
