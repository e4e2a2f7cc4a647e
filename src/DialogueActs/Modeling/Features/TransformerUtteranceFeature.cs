using DialogueActs.Data;
using DialogueActs.Modeling.Transformers;
using DialogueActs.Text;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// A pretrained transformer's pooled vector of every utterance (<c>model.transformer.trainLayers</c>), joined to the
/// utterance vector before the conversation Bi-LSTM, with the encoder's top layers fine-tuned. The encoder is the
/// feature's resource (<see cref="IPretrainedTransformer"/>): its lower layers run once per distinct text in
/// <see cref="Prepare"/> (frozen), and each utterance's data is the states they give, <c>[pieces × hidden]</c> in
/// float16. Each batch runs every distinct text of the batch once through the module
/// (<see cref="TransformerUtteranceEncoder"/>: copies of the top layers, which train, then the pooling). The archive
/// keeps the encoder's exact id and sizes (<c>features/transformer/encoder.json</c>) and the model's weights the
/// fine-tuned layers; the frozen ones stay with the encoder.
/// </summary>
public sealed class TransformerUtteranceFeature : UtteranceFeature
{
    /// <summary>The feature's name, the key of its data and the prefix of its batch inputs.</summary>
    public const string FeatureName = "transformer";

    private const string LengthsPart = ".lengths";
    private const string RowsPart = ".rows";

    private readonly TransformerOptions _options;
    private readonly TransformerBinding? _binding;
    private readonly IPretrainedTransformer? _pretrained;
    private readonly double _dropout;

    private TransformerUtteranceFeature(TransformerOptions options, double dropout, TransformerBinding? binding, IPretrainedTransformer? pretrained)
    {
        _options = options;
        _dropout = dropout;
        _binding = binding;
        _pretrained = pretrained;
    }

    /// <summary>The feature for <paramref name="options"/> (not yet bound to its encoder), or null without <c>transformer.trainLayers</c>.</summary>
    public static TransformerUtteranceFeature? From(ModelOptions options, ModelDimensions dimensions) =>
        options.Transformer is { TrainLayers: not null } transformer ? new TransformerUtteranceFeature(transformer, options.Dropout, null, null) : null;

    /// <summary>The size options of the feature: none (the encoder sets its size).</summary>
    public static IEnumerable<ModelSize> Sizes(ModelOptions options) => [];

    /// <inheritdoc />
    public override string Name => FeatureName;

    /// <summary>Size of the encoder's states (0 until bound).</summary>
    public override int Size => _binding?.Hidden ?? 0;

    /// <inheritdoc />
    public override string ModuleName => "_transformer";

    /// <summary>The layers that train: the top <c>trainLayers</c>.</summary>
    private int TrainLayers => _options.TrainLayers!.Value;

    /// <summary>The hidden state the frozen part ends with (the input of the first trained layer).</summary>
    private int FrozenState => (_binding?.Layers ?? 0) - TrainLayers;

    /// <inheritdoc />
    public override long ParameterCount => _binding is null ? 0 : TrainLayers * TransformerUtteranceEncoder.LayerParameters(_binding.Encoder);

    /// <inheritdoc />
    public override bool FineTunesPretrainedWeights => true;

    /// <inheritdoc />
    public override bool HasPayload => true;

    /// <inheritdoc />
    public override bool IsBound => _binding is not null;

    /// <inheritdoc />
    public override IReadOnlyList<ResourceRequest> Resources => [TransformerBinding.Request(Name, _binding?.Id ?? _options.Encoder)];

    /// <inheritdoc />
    public override ResourceFit Fit(ResourceRequest request, object resource) => TransformerBinding.Fit(resource, _options.Encoder, _binding);

    /// <inheritdoc />
    /// <remarks>The bound feature starts its module from the encoder's top layers.</remarks>
    /// <exception cref="DialogueActsException">The encoder has fewer layers than the config trains.</exception>
    public override ModelFeature Bind(FeatureResources resources)
    {
        var pretrained = resources.Get<IPretrainedTransformer>(Resources[0]);
        var binding = TransformerBinding.Of(pretrained);
        if (TrainLayers > binding.Layers)
            throw new DialogueActsException($"model.transformer.trainLayers: the encoder '{binding.Id}' has {binding.Layers} layers, not {TrainLayers}");
        return new TransformerUtteranceFeature(_options, _dropout, binding, pretrained);
    }

    /// <inheritdoc />
    public override IReadOnlyList<FeatureEntry> ArchiveEntries() =>
        _binding is null ? throw new InvalidOperationException("The transformer feature is not bound to an encoder.")
            : [FeatureEntry.OfJson(TransformerBinding.Entry, _binding)];

    /// <inheritdoc />
    public override ModelFeature FromArchive(FeatureEntryReader entries)
    {
        var binding = TransformerBinding.Read(entries);
        if (TrainLayers > binding.Layers)
            throw entries.Error(TransformerBinding.Entry, $"the encoder has {binding.Layers} layers, but the model trains {TrainLayers}");
        return new TransformerUtteranceFeature(_options, _dropout, binding, null);
    }

    /// <inheritdoc />
    public override Array[] Prepare(IReadOnlyList<Conversation> conversations, FeatureContext context)
    {
        var transformer = context.Resources.Get<IPretrainedTransformer>(Resources[0]);
        return TransformerBinding.PerText(Name, conversations, context, transformer, _options.MaxPieces, (texts, progress) =>
        {
            int hidden = Size;
            var states = new Half[texts.Length][];
            FrozenStates.Run(transformer, texts.Select(t => t.Ids).ToArray(), new LayerRange(FrozenState, FrozenState), (rows, batch) =>
            {
                long width = batch.shape[1];
                using var contiguous = batch.contiguous();
                var values = HalfStates.Read(contiguous);                                                    // [n, P, H]
                for (int n = 0; n < rows.Length; n++)
                    states[rows[n]] = HalfStates.Narrow(values.Slice((int)(n * width * hidden), texts[rows[n]].Ids.Length * hidden));
            }, progress);
            return states;
        });
    }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: the feature builds several inputs (<see cref="BuildInputs"/>).</exception>
    public override Tensor BuildInput(IReadOnlyList<EncodedConversation> conversations, BatchLayout layout) =>
        throw new NotSupportedException($"The {Name} feature builds several inputs (BuildInputs).");

    /// <inheritdoc />
    /// <remarks>
    /// <c>transformer</c>: the frozen states of each distinct text of the batch, <c>[texts, longest, hidden]</c> float32;
    /// <c>transformer.lengths</c>: their pieces, <c>[texts]</c>; <c>transformer.rows</c>: each utterance's text,
    /// <c>[conversations, maxUtterances]</c> int64 (0 on padding).
    /// </remarks>
    public override IEnumerable<(string Name, Tensor Input)> BuildInputs(IReadOnlyList<EncodedConversation> conversations, BatchLayout layout)
    {
        int hidden = Size;
        var distinct = new Dictionary<Half[], int>(ReferenceEqualityComparer.Instance);
        var texts = new List<Half[]>();
        var rows = new long[(long)conversations.Count * layout.MaxUtterances];
        for (int b = 0; b < conversations.Count; b++)
        {
            var c = conversations[b];
            var payload = c.Payload<Half[]>(Name);
            for (int t = 0; t < c.Length; t++)
            {
                var state = payload[t];
                if (state.Length == 0 || state.Length % hidden != 0)
                    throw new ArgumentException($"Conversation '{c.Id}', utterance {t}: transformer states of {state.Length} values, not a multiple of {hidden}.", nameof(conversations));
                if (!distinct.TryGetValue(state, out int row)) { distinct[state] = row = texts.Count; texts.Add(state); }
                rows[b * layout.MaxUtterances + t] = row;
            }
        }
        int longest = texts.Max(s => s.Length) / hidden;
        var lengths = texts.Select(s => (long)(s.Length / hidden)).ToArray();
        var states = HalfStates.Build([texts.Count, longest, hidden], values =>                              // [D, P, H]
        {
            for (int i = 0; i < texts.Count; i++) HalfStates.Widen(texts[i], values.Slice(i * longest * hidden, texts[i].Length));
        });
        return
        [
            (Name, states),                                                                                  // [D, P, H]
            (Name + LengthsPart, tensor(lengths)),                                                           // [D]
            (Name + RowsPart, tensor(rows, new long[] { conversations.Count, layout.MaxUtterances })),       // [B, T]
        ];
    }

    /// <inheritdoc />
    public override nn.Module CreateModule()
    {
        var binding = _binding ?? throw new InvalidOperationException("The transformer feature is not bound to an encoder.");
        var module = new TransformerUtteranceEncoder(binding.Encoder, TrainLayers, _options.Pooling, _dropout);
        if (_pretrained is not null) module.CopyTopLayers(_pretrained.Encoder);
        return module;
    }

    /// <inheritdoc />
    public override Tensor Apply(nn.Module? module, Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var encoder = module as TransformerUtteranceEncoder ?? throw new ArgumentException($"The {Name} feature needs the module it created.", nameof(module));
        Tensor Input(string name) => batch.Input(name) ?? throw new ArgumentException(MissingInputMessage(), nameof(batch));
        var states = Input(Name);
        CheckInput(states);
        var rows = Input(Name + RowsPart);                                                                   // [B, T]
        using var scope = NewDisposeScope();
        var pooled = encoder.call(states, Input(Name + LengthsPart));                                        // [D, H]
        return pooled.index_select(0, rows.reshape(-1)).view(rows.shape[0], rows.shape[1], -1).MoveToOuterDisposeScope(); // [B, T, H]
    }

    /// <inheritdoc />
    public override void CheckInput(Tensor input)
    {
        if (input.dim() != 3 || input.shape[^1] != Size)
            throw new ArgumentException($"This model reads transformer states of {Size} values, but the batch has {input.shape[^1]}.", "batch");
    }

    /// <inheritdoc />
    public override ModelSummaryRow SummaryRow(string? parameterPrefix) => new(
        "transformer (TransformerUtteranceFeature)", $"(conversations, turns, {Size})", ParameterCount, parameterPrefix,
        $"{_options.Pooling.ToString().ToLowerInvariant()}-pooled last state of {_binding?.Id ?? _options.Encoder}, top {TrainLayers} layers fine-tuned, at most {_options.MaxPieces} word pieces");
}
