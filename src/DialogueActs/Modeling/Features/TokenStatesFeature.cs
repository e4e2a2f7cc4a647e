using DialogueActs.Data;
using DialogueActs.Modeling.Transformers;
using DialogueActs.Text;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// A pretrained transformer's frozen states of every token (<c>model.transformer.tokenStates</c>), joined to its word
/// features before the utterance Bi-LSTM: the mean of the chosen hidden states over the token's word pieces, the
/// encoder reading the utterance's tokens (<see cref="WordPieceText"/>). The encoder is the feature's resource
/// (<see cref="IPretrainedTransformer"/>); it runs once per distinct text in <see cref="Prepare"/>, and each utterance's
/// data is its tokens' vectors, <c>[tokens × hidden]</c> in float16. The batch input is <c>[utterances, maxTokens, hidden]</c>
/// float32; the module has no weights. The archive keeps the encoder's exact id and sizes (<c>features/tokenStates/encoder.json</c>).
/// </summary>
public sealed class TokenStatesFeature : WordFeature
{
    /// <summary>The feature's name, and the key of its batch input and its data.</summary>
    public const string FeatureName = "tokenStates";

    private readonly TransformerOptions _options;
    private readonly TransformerBinding? _binding;

    private TokenStatesFeature(TransformerOptions options, TransformerBinding? binding)
    {
        _options = options;
        _binding = binding;
    }

    /// <summary>The feature for <paramref name="options"/> (not yet bound to its encoder), or null without <c>transformer.tokenStates</c>.</summary>
    public static TokenStatesFeature? From(ModelOptions options, ModelDimensions dimensions) =>
        options.Transformer is { TokenStates: not null } transformer ? new TokenStatesFeature(transformer, null) : null;

    /// <summary>The size options of the feature: none (the encoder sets its size).</summary>
    public static IEnumerable<ModelSize> Sizes(ModelOptions options) => [];

    /// <inheritdoc />
    public override string Name => FeatureName;

    /// <summary>Size of the encoder's states (0 until bound).</summary>
    public override int Size => _binding?.Hidden ?? 0;

    /// <inheritdoc />
    public override string ModuleName => "_token_states";

    /// <inheritdoc />
    public override long ParameterCount => 0;

    /// <inheritdoc />
    public override bool HasPayload => true;

    /// <inheritdoc />
    public override bool IsBound => _binding is not null;

    /// <inheritdoc />
    public override IReadOnlyList<ResourceRequest> Resources => [TransformerBinding.Request(Name, _binding?.Id ?? _options.Encoder)];

    /// <inheritdoc />
    public override ResourceFit Fit(ResourceRequest request, object resource) => TransformerBinding.Fit(resource, _options.Encoder, _binding);

    /// <inheritdoc />
    /// <exception cref="DialogueActsException">The hidden states asked for are not within the encoder's.</exception>
    public override ModelFeature Bind(FeatureResources resources)
    {
        var binding = TransformerBinding.Of(resources.Get<IPretrainedTransformer>(Resources[0]));
        var range = _options.TokenStates!;
        if (range.To > binding.Layers)
            throw new DialogueActsException($"model.transformer.tokenStates: the encoder '{binding.Id}' has hidden states 0..{binding.Layers}, not {range.From}..{range.To}");
        return new TokenStatesFeature(_options, binding);
    }

    /// <inheritdoc />
    public override IReadOnlyList<FeatureEntry> ArchiveEntries() =>
        _binding is null ? throw new InvalidOperationException("The token-state feature is not bound to an encoder.")
            : [FeatureEntry.OfJson(TransformerBinding.Entry, _binding)];

    /// <inheritdoc />
    public override ModelFeature FromArchive(FeatureEntryReader entries) => new TokenStatesFeature(_options, TransformerBinding.Read(entries));

    /// <inheritdoc />
    public override Array[] Prepare(IReadOnlyList<Conversation> conversations, FeatureContext context)
    {
        var transformer = context.Resources.Get<IPretrainedTransformer>(Resources[0]);
        return TransformerBinding.PerText(Name, conversations, context, transformer, _options.MaxPieces, (texts, progress) =>
        {
            int hidden = Size;
            var vectors = new Half[texts.Length][];
            FrozenStates.Run(transformer, texts.Select(t => t.Ids).ToArray(), _options.TokenStates!, (rows, states) =>
            {
                long width = states.shape[1];
                using var contiguous = states.contiguous();
                var values = HalfStates.Read(contiguous);                                                    // [n, P, H]
                for (int n = 0; n < rows.Length; n++)
                {
                    var text = texts[rows[n]];
                    var vector = new Half[Math.Max(1, text.TokenStarts.Length) * hidden];                   // a text without tokens has one, all zero
                    for (int i = 0; i < text.TokenStarts.Length; i++)
                    {
                        int count = text.TokenCounts[i];                                                     // 0 past the cut: stays zero
                        for (int h = 0; h < hidden && count > 0; h++)
                        {
                            float sum = 0;
                            for (int p = 0; p < count; p++) sum += values[(int)((n * width + text.TokenStarts[i] + p) * hidden + h)];
                            vector[i * hidden + h] = (Half)(sum / count);
                        }
                    }
                    vectors[rows[n]] = vector;
                }
            }, progress);
            return vectors;
        });
    }

    /// <inheritdoc />
    public override Tensor BuildInput(IReadOnlyList<EncodedConversation> conversations, BatchLayout layout)
    {
        int hidden = Size;
        foreach (var c in conversations)
        {
            var states = c.Payload<Half[]>(Name);
            for (int t = 0; t < c.Length; t++)
                if (states[t].Length != c.Tokens[t].Length * hidden)
                    throw new ArgumentException($"Conversation '{c.Id}', utterance {t}: token states for {states[t].Length / Math.Max(1, hidden)} tokens, but it has {c.Tokens[t].Length}.", nameof(conversations));
        }
        return HalfStates.Build([layout.UtteranceCount, layout.MaxTokens, hidden], values =>                 // [U, L, H]
        {
            int row = 0;
            foreach (var c in conversations)
            {
                var states = c.Payload<Half[]>(Name);
                for (int t = 0; t < c.Length; t++, row++)
                    HalfStates.Widen(states[t], values.Slice(row * layout.MaxTokens * hidden, states[t].Length));
            }
        });
    }

    /// <inheritdoc />
    public override nn.Module<Tensor, Tensor> CreateModule() => new PassThrough();

    /// <inheritdoc />
    public override void CheckInput(Tensor input)
    {
        if (input.shape[^1] != Size)
            throw new ArgumentException($"This model reads token states of {Size} values, but the batch has {input.shape[^1]}.", "batch");
    }

    /// <inheritdoc />
    public override ModelSummaryRow SummaryRow(string? parameterPrefix)
    {
        var range = _options.TokenStates!;
        string states = range.From == range.To ? $"hidden state {range.From}" : $"the mean of hidden states {range.From}..{range.To}";
        return new("token states (TokenStatesFeature)", $"(utterances, tokens, {Size})", 0, parameterPrefix,
            $"{states} of the frozen encoder {_binding?.Id ?? _options.Encoder}, averaged over each token's word pieces");
    }

    /// <summary>The module: the states as they are (dropout follows on the joined word vectors).</summary>
    private sealed class PassThrough : nn.Module<Tensor, Tensor>
    {
        public PassThrough() : base(nameof(PassThrough))
        {
        }

        public override Tensor forward(Tensor input) => input.alias();
    }
}
