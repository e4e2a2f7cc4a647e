using DialogueActs.Data;
using DialogueActs.Text;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// A pretrained sentence encoder's vector of every utterance (<c>model.sentenceEncoder</c>), joined to the
/// utterance vector before the conversation Bi-LSTM. The encoder itself (an <see cref="ISentenceEncoder"/>,
/// for example all-MiniLM-L6-v2 from the <c>DialogueActs.Onnx</c> package) is the feature's resource: it runs outside
/// the model, once per distinct text of the conversations prepared together (<see cref="Prepare"/>), and the batch
/// input is <c>[conversations, maxUtterances, Size]</c> float32. Its module (<see cref="SentenceVectorInput"/>) has no
/// weights: it scales the vectors to unit mean square and applies dropout. The model archive keeps the encoder's exact
/// id and vector size (<c>features/sentences/encoder.json</c>); a trained model accepts only that encoder.
/// </summary>
public sealed class SentenceVectorFeature : UtteranceFeature
{
    /// <summary>The feature's name, and the key of its batch input and its data.</summary>
    public const string FeatureName = "sentences";

    /// <summary>The <see cref="ResourceRequest.Kind"/> of a sentence encoder.</summary>
    public const string ResourceKind = "sentence-encoder";

    private const string EncoderEntry = "encoder.json";

    private readonly double _dropout;

    /// <summary>Creates the feature.</summary>
    /// <param name="encoderName">The encoder as a config names it (its model name, or an exact id).</param>
    /// <param name="encoderId">The exact <see cref="ISentenceEncoder.Id"/> the model reads, or null until bound to an encoder.</param>
    /// <param name="dimension">Size of the encoder's vectors; 0 until bound, at least 1 after.</param>
    /// <param name="dropout">Dropout probability on the vectors in training.</param>
    public SentenceVectorFeature(string encoderName, string? encoderId, int dimension, double dropout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(encoderName);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, encoderId is null ? 0 : 1);
        EncoderName = encoderName;
        EncoderId = encoderId;
        Size = encoderId is null ? 0 : dimension;
        _dropout = dropout;
    }

    /// <summary>The encoder as the config names it.</summary>
    public string EncoderName { get; }

    /// <summary>The exact <see cref="ISentenceEncoder.Id"/> of the encoder the model was trained with; null until bound.</summary>
    public string? EncoderId { get; }

    /// <inheritdoc />
    public override string Name => FeatureName;

    /// <summary>Size of the encoder's vectors (0 until bound).</summary>
    public override int Size { get; }

    /// <inheritdoc />
    public override string ModuleName => "_sentences";

    /// <inheritdoc />
    public override long ParameterCount => 0;

    /// <inheritdoc />
    public override bool HasPayload => true;

    /// <inheritdoc />
    public override bool IsBound => EncoderId is not null;

    /// <inheritdoc />
    public override IReadOnlyList<ResourceRequest> Resources =>
        [new(Name, ResourceKind, EncoderId ?? EncoderName, "model.sentenceEncoder names it; all-MiniLM-L6-v2 is MiniLmSentenceEncoder in the DialogueActs.Onnx package, which the dialogue-acts tool includes", "sentenceEncoder")];

    /// <summary>The feature for <paramref name="options"/> (not yet bound to its encoder), or null when <c>sentenceEncoder</c> is unset.</summary>
    public static SentenceVectorFeature? From(ModelOptions options, ModelDimensions dimensions) =>
        options.SentenceEncoder is { Length: > 0 } name ? new SentenceVectorFeature(name, null, 0, options.Dropout) : null;

    /// <summary>The size options of the feature: none (the encoder sets its size).</summary>
    public static IEnumerable<ModelSize> Sizes(ModelOptions options) => [];

    /// <inheritdoc />
    public override ResourceFit Fit(ResourceRequest request, object resource)
    {
        if (resource is not ISentenceEncoder encoder) return ResourceFit.OtherKind;
        if (EncoderId is null)
            return SentenceEncoderNames.Names(EncoderName, encoder.Id) ? ResourceFit.Fits
                : ResourceFit.Mismatch($"the encoder given is '{encoder.Id}'");
        return string.Equals(encoder.Id, EncoderId, StringComparison.Ordinal) && encoder.Dimension == Size ? ResourceFit.Fits
            : ResourceFit.Mismatch($"the model was trained with '{EncoderId}' ({Size} values), but was given '{encoder.Id}' ({encoder.Dimension} values)");
    }

    /// <inheritdoc />
    public override ModelFeature Bind(FeatureResources resources)
    {
        var encoder = resources.Get<ISentenceEncoder>(Resources[0]);
        return new SentenceVectorFeature(EncoderName, encoder.Id, encoder.Dimension, _dropout);
    }

    /// <inheritdoc />
    public override IReadOnlyList<FeatureEntry> ArchiveEntries() =>
        EncoderId is null ? throw new InvalidOperationException("The sentence feature is not bound to an encoder.")
            : [FeatureEntry.OfJson(EncoderEntry, new EncoderInfo(EncoderId, Size))];

    /// <inheritdoc />
    public override ModelFeature FromArchive(FeatureEntryReader entries)
    {
        var info = entries.ReadJson<EncoderInfo>(EncoderEntry);
        if (string.IsNullOrWhiteSpace(info.Id)) throw entries.Error(EncoderEntry, "id: must not be empty");
        if (info.Dimension is < 1 or > ModelOptions.MaxLayerSize)
            throw entries.Error(EncoderEntry, $"dimension: must be in [1, {ModelOptions.MaxLayerSize}], got {info.Dimension}");
        return new SentenceVectorFeature(EncoderName, info.Id, info.Dimension, _dropout);
    }

    /// <inheritdoc />
    /// <remarks>Each distinct text of all <paramref name="conversations"/> goes to the encoder once, in one call, so it can batch them by length.</remarks>
    public override Array[] Prepare(IReadOnlyList<Conversation> conversations, FeatureContext context)
    {
        var encoder = context.Resources.Get<ISentenceEncoder>(Resources[0]);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var distinct = new List<string>();
        foreach (var c in conversations)
            foreach (var u in c.Utterances)
                if (index.TryAdd(u.Text, distinct.Count)) distinct.Add(u.Text);
        var vectors = distinct.Count == 0 ? [] : encoder.Encode(distinct);
        if (vectors.Length != distinct.Count)
            throw new DialogueActsException($"sentence encoder '{encoder.Id}': returned {vectors.Length} vectors for {distinct.Count} texts");
        foreach (var v in vectors)
            if (v is null || v.Length != Size)
                throw new DialogueActsException($"sentence encoder '{encoder.Id}': returned a vector of {v?.Length ?? 0} values, expected {Size}");
        return conversations.Select(c => (Array)c.Utterances.Select(u => vectors[index[u.Text]]).ToArray()).ToArray();
    }

    /// <inheritdoc />
    public override Tensor BuildInput(IReadOnlyList<EncodedConversation> conversations, BatchLayout layout)
    {
        int size = Size;
        var values = new float[(long)conversations.Count * layout.MaxUtterances * size];
        for (int b = 0; b < conversations.Count; b++)
        {
            var c = conversations[b];
            var vectors = c.Payloads.ContainsKey(Name) ? c.Payload<float[]>(Name)
                : throw new ArgumentException($"This model uses sentence vectors ({EncoderId}), but conversation '{c.Id}' has none.", nameof(conversations));
            for (int t = 0; t < c.Length; t++)
            {
                var vector = vectors[t];
                if (vector.Length != size)
                    throw new ArgumentException($"Conversation '{c.Id}', utterance {t}: a sentence vector of {vector.Length} values; the model reads {size}.", nameof(conversations));
                vector.CopyTo(values.AsSpan((b * layout.MaxUtterances + t) * size, size));
            }
        }
        return tensor(values, new long[] { conversations.Count, layout.MaxUtterances, size });            // [B, T, S]
    }

    /// <inheritdoc />
    public override nn.Module<Tensor, Tensor> CreateModule() => new SentenceVectorInput(Size, _dropout);

    /// <inheritdoc />
    public override void CheckInput(Tensor input)
    {
        if (input.shape[^1] != Size)
            throw new ArgumentException($"This model reads sentence vectors of {Size} values, but the batch has {input.shape[^1]}.", "batch");
    }

    /// <inheritdoc />
    public override ModelSummaryRow SummaryRow(string? parameterPrefix) => new(
        "sentences (SentenceVectorFeature)", $"(conversations, turns, {Size})", 0, parameterPrefix,
        $"{Size}-d vector of each utterance from the pretrained encoder {EncoderId ?? EncoderName}, scaled by √{Size}, joined to each utterance vector");

    /// <summary>What the archive keeps of the encoder: <c>features/sentences/encoder.json</c>.</summary>
    /// <param name="Id">The encoder's exact id.</param>
    /// <param name="Dimension">The size of its vectors.</param>
    private sealed record EncoderInfo(string Id, int Dimension);
}
