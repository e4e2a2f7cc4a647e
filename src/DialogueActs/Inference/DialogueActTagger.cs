using DialogueActs.Data;
using DialogueActs.Modeling;
using DialogueActs.Text;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TorchSharp;

namespace DialogueActs.Inference;

/// <summary>
/// A trained tagger loaded from <c>model.zip</c>. Thread-safe: each call runs under
/// <c>torch.inference_mode()</c> and its own dispose scope, and results leave as managed objects.
/// </summary>
public sealed class DialogueActTagger : IDialogueActTagger, IDisposable
{
    private readonly HierarchicalTagger _model;
    private readonly TextEncoder _encoder;
    private readonly LabelSet _labels;
    private readonly TaggerOptions _options;
    private readonly SemaphoreSlim? _gate;
    private readonly bool _ownsModel;
    private readonly FeatureResources _resources;
    private readonly FeatureContext _featureContext;
    private readonly Lazy<byte[]> _identity;

    /// <summary>
    /// A tagger over a model in memory (for example one being trained, to validate it without writing an archive);
    /// <see cref="Load"/> is the usual way in. The model is put in eval mode by its caller.
    /// </summary>
    /// <param name="model">The model, in eval mode.</param>
    /// <param name="encoder">Its tokenizer and vocabulary.</param>
    /// <param name="labels">Its labels in index order.</param>
    /// <param name="metadata">What to report as the model's training metadata.</param>
    /// <param name="options">Tagging options; null for the defaults.</param>
    /// <param name="ownsModel">Dispose <paramref name="model"/> with the tagger.</param>
    /// <param name="glossary">The names of the labels; null for none.</param>
    /// <param name="temperature">The temperature of the confidences (<see cref="TemperatureScaling"/>); 1 for the CRF's own marginals.</param>
    /// <exception cref="ArgumentException">An option or the temperature is out of range, or <see cref="TaggerOptions.Precision"/> is bfloat16 over a model the tagger does not own.</exception>
    /// <exception cref="DialogueActsException">A feature's resource (a sentence encoder, say) is neither given (<see cref="TaggerOptions.Resources"/>) nor provided (<see cref="TaggerOptions.ResourceProviders"/>), or the one given is not the one the model was trained with.</exception>
    public DialogueActTagger(HierarchicalTagger model, TextEncoder encoder, LabelSet labels, ModelMetadata metadata,
        TaggerOptions? options, bool ownsModel, LabelGlossary? glossary = null, double temperature = TemperatureScaling.Identity)
    {
        TemperatureScaling.Check(temperature, nameof(temperature));
        _model = model;
        Glossary = glossary ?? LabelGlossary.Empty;
        Temperature = temperature;
        _encoder = encoder;
        _labels = labels;
        Metadata = metadata;
        _options = options ?? new TaggerOptions();
        if (_options.TopK < 1) throw new ArgumentException($"TopK must be at least 1 but got {_options.TopK}.", nameof(options));
        if (_options.MaxUtterancesPerBatch < 1) throw new ArgumentException($"MaxUtterancesPerBatch must be at least 1 but got {_options.MaxUtterancesPerBatch}.", nameof(options));
        Precision = ResolvePrecision(_options.Precision, ownsModel);
        _resources = FeatureResources.Resolve(model.Features, _options.Resources, _options.ResourceProviders);
        _featureContext = new FeatureContext(encoder, _resources);
        if (Precision == InferencePrecision.BFloat16) model.UtteranceEncoder.UseLstmPrecision(torch.ScalarType.BFloat16);
        _gate = _options.MaxConcurrency is int limit ? new SemaphoreSlim(limit, limit) : null;
        _ownsModel = ownsModel;
        _identity = new Lazy<byte[]>(ComputeIdentity, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// Loads a tagger from a model archive written by <c>dialogue-acts train</c>. It changes no process-wide setting: a
    /// service that wants native memory tuned for serving calls <see cref="NativeMemory.Tune"/> at start-up (the hosting
    /// package does, by default, before it loads the model).
    /// </summary>
    /// <exception cref="DialogueActsException">A feature's resource is missing or another one (see the constructor).</exception>
    /// <exception cref="DialogueActsException">The file is missing, corrupt, truncated or of another format version.</exception>
    public static DialogueActTagger Load(string path, TaggerOptions? options = null)
    {
        return Create(ModelArchive.Read(path), options);
    }

    /// <summary>Creates a tagger that owns the model read from an archive.</summary>
    /// <exception cref="DialogueActsException">A feature's resource is missing or another one (the model is then disposed).</exception>
    public static DialogueActTagger Create(ModelArchiveContents archive, TaggerOptions? options = null)
    {
        try
        {
            return new(archive.Model, archive.Encoder, archive.Labels, archive.Metadata, options, ownsModel: true, archive.Glossary, archive.Temperature);
        }
        catch
        {
            archive.Model.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Labels => _labels.Labels;

    /// <inheritdoc />
    public ModelMetadata Metadata { get; }

    /// <inheritdoc />
    public LabelGlossary Glossary { get; }

    /// <inheritdoc />
    public double Temperature { get; }

    /// <summary>
    /// The element type the utterance LSTMs compute in: <see cref="InferencePrecision.Float32"/> or
    /// <see cref="InferencePrecision.BFloat16"/>, resolved from <see cref="TaggerOptions.Precision"/>.
    /// </summary>
    public InferencePrecision Precision { get; }

    /// <summary>The model's options.</summary>
    public ModelOptions ModelOptions => _model.Options;

    /// <summary>The model's features.</summary>
    public FeatureSet Features => _model.Features;

    /// <summary>The column mapping and tokenizer the model was trained with.</summary>
    public TokenizerOptions TokenizerOptions => _encoder.Options;

    /// <inheritdoc />
    public TaggedConversation Tag(Conversation conversation) => TagMany(new[] { conversation })[0];

    /// <inheritdoc />
    public IReadOnlyList<TaggedConversation> TagMany(IReadOnlyList<Conversation> conversations)
    {
        var results = new TaggedConversation[conversations?.Count ?? 0];
        ForEachBatch(conversations!, (group, batch) =>
        {
            var tagged = TagBatch(batch);
            for (int j = 0; j < group.Length; j++) results[group[j]] = ToResult(conversations![group[j]].Id, tagged.Paths[j], tagged.Marginals![j]);
        });
        return results;
    }

    /// <summary>
    /// The CRF's scores, the emission scores of each conversation (row-major <c>[utterances, labels]</c>) and its Viterbi
    /// path, computed as <see cref="TagMany"/> tags: what <see cref="CalibrationData"/> keeps.
    /// </summary>
    internal (CrfScores Scores, float[][] Emissions, int[][] Paths, bool[][] Changes) Score(IReadOnlyList<Conversation> conversations)
    {
        var emissions = new float[conversations.Count][];
        var paths = new int[conversations.Count][];
        var changes = new bool[conversations.Count][];
        ForEachBatch(conversations, (group, batch) =>
        {
            using var inference = torch.inference_mode();
            using var scope = torch.NewDisposeScope();
            using var built = BatchBuilder.Build(batch, _model.Features);
            var scores = _model.call(built);                                                               // [B, T, K]
            var decoding = _model.OutputLayer.Decode(scores, built.Mask, built.SpeakerChanges);
            var flat = scores.to_type(torch.ScalarType.Float32).contiguous().data<float>().ToArray();    // [B*T*K]
            var changed = built.SpeakerChanges.contiguous().data<bool>().ToArray();                         // [B*T]
            int steps = built.MaxUtterances, labels = _labels.Count;
            for (int j = 0; j < group.Length; j++)
            {
                emissions[group[j]] = flat.AsSpan(j * steps * labels, built.ConversationLengthsArray[j] * labels).ToArray();
                paths[group[j]] = decoding.Paths[j];
                changes[group[j]] = changed.AsSpan(j * steps, built.ConversationLengthsArray[j]).ToArray();
            }
        });
        return (_model.OutputLayer.ManagedScores(), emissions, paths, changes);
    }

    /// <summary>The index of <paramref name="label"/>, or -1 when the model does not have it.</summary>
    internal int LabelId(string label) => _labels.TryGetId(label, out int id) ? id : -1;

    /// <summary>
    /// Checks and encodes the conversations and runs <paramref name="run"/> on each batch (the conversations' indices and
    /// their encodings with every feature's data), under the concurrency gate.
    /// </summary>
    private void ForEachBatch(IReadOnlyList<Conversation> conversations, Action<int[], EncodedConversation[]> run)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        var encoded = new EncodedConversation[conversations.Count];
        for (int i = 0; i < encoded.Length; i++)
        {
            var c = conversations[i];
            if (c.Utterances.Count == 0) throw new DialogueActsException(NoUtterancesMessage(c.Id));
            if (c.Utterances.Count > _options.MaxUtterancesPerConversation)
                throw new DialogueActsException($"conversation '{c.Id}': has {c.Utterances.Count} utterances, over the limit of {_options.MaxUtterancesPerConversation}");
            encoded[i] = CorpusEncoder.Encode(c, _encoder, labels: null);
        }

        _gate?.Wait();
        try
        {
            encoded = _model.Features.Prepare(conversations, encoded, _featureContext);                    // each feature's own data
            foreach (var group in Batches(encoded)) run(group, group.Select(i => encoded[i]).ToArray());
            NativeMemory.AfterTagging(encoded.Sum(e => e.Length));
        }
        finally
        {
            _gate?.Release();
        }
    }

    /// <summary>The error for a conversation without utterances (<see cref="TagMany"/>, <see cref="SessionReplay"/>).</summary>
    internal static string NoUtterancesMessage(string id) => $"conversation '{id}': has no utterances";

    /// <summary>The error of <see cref="StartSession"/> for a bidirectional model.</summary>
    internal const string BidirectionalSessionMessage =
        "the model's conversation encoder is bidirectional, so each utterance's label depends on the utterances after it and a session would re-tag the whole history at every utterance; train a causal model (model.conversationDirection \"forward\", as in configs/swda-online.json) to tag live conversations";

    /// <inheritdoc />
    /// <remarks>
    /// Refuses a bidirectional model rather than re-tagging: re-tagging the history at each utterance costs O(n²) over a
    /// conversation (the longest MRDA meeting has 3,391 utterances) and its latency grows with the position, which a live
    /// service cannot budget for. Sessions share the tagger's <see cref="TaggerOptions.MaxConcurrency"/> slots and its
    /// <see cref="TaggerOptions.MaxUtterancesPerConversation"/> limit.
    /// </remarks>
    public IDialogueActSession StartSession(int lag = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lag);
        if (!_model.Options.IsCausal()) throw new DialogueActsException(BidirectionalSessionMessage);
        return new DialogueActSession(SessionParts(), lag);
    }

    /// <inheritdoc />
    /// <remarks>
    /// A state restores over a tagger whose model has the same labels, vocabulary, options and weights, tagging at the
    /// same <see cref="Precision"/> (<see cref="IDialogueActSession.SaveState"/> records their SHA-256, computed once per
    /// tagger): the replicas of a service that load the same <c>model.zip</c> on the same kind of CPU.
    /// </remarks>
    public IDialogueActSession RestoreSession(ReadOnlySpan<byte> state)
    {
        if (!_model.Options.IsCausal()) throw new DialogueActsException(BidirectionalSessionMessage);
        return new DialogueActSession(SessionParts(), state);
    }

    private SessionModel SessionParts() => new(_model, _encoder, _labels.Labels, _options, _gate, _featureContext, Temperature, () => _identity.Value);

    /// <summary>What a session reads of its tagger.</summary>
    internal sealed record SessionModel(HierarchicalTagger Model, TextEncoder Encoder, IReadOnlyList<string> Labels, TaggerOptions Options,
        SemaphoreSlim? Gate, FeatureContext FeatureContext, double Temperature, Func<byte[]> Identity);

    /// <summary>
    /// SHA-256 of what decides a session's answers: the labels, the vocabulary, the model's and tokenizer's options, the
    /// precision, the temperature and every weight (as float32).
    /// </summary>
    private byte[] ComputeIdentity()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Text(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }
        Text("DialogueActs session identity 1");
        foreach (var label in _labels.Labels) Text(label);
        foreach (var token in _encoder.Vocabulary.Tokens) Text(token);
        Text(JsonSerializer.Serialize(_model.Options));
        Text(JsonSerializer.Serialize(_encoder.Options));
        Text(Precision.ToString());
        Text(Temperature.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        foreach (var (name, tensor) in _model.state_dict())
        {
            Text(name);
            Text(string.Join(",", tensor.shape));
            var values = tensor.to_type(torch.ScalarType.Float32).contiguous().cpu().data<float>().ToArray();   // [numel]
            hash.AppendData(MemoryMarshal.AsBytes(values.AsSpan()));
        }
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// The precision to tag in: Auto is bfloat16 where the CPU computes it natively, but only over a model the tagger owns
    /// (converting a caller's model, for example one being trained, would change its weights).
    /// </summary>
    private static InferencePrecision ResolvePrecision(InferencePrecision asked, bool ownsModel) => asked switch
    {
        InferencePrecision.Float32 => InferencePrecision.Float32,
        InferencePrecision.Auto => ownsModel && CpuFeatures.HasFastBFloat16 ? InferencePrecision.BFloat16 : InferencePrecision.Float32,
        InferencePrecision.BFloat16 when ownsModel => InferencePrecision.BFloat16,
        InferencePrecision.BFloat16 => throw new ArgumentException("Precision BFloat16 converts the model's weights, so it needs a tagger that owns its model (ownsModel: true).", "options"),
        _ => throw new ArgumentException($"Precision must be Auto, Float32 or BFloat16 but got {(int)asked}.", "options"),
    };

    /// <summary>
    /// The Viterbi paths and marginals of a batch: the model's own at temperature 1; at another temperature, the marginals
    /// of the CRF with every score divided by it (<see cref="TemperatureScaling"/>), from the same emissions.
    /// </summary>
    private TaggedBatch TagBatch(EncodedConversation[] conversations)
    {
        using var inference = torch.inference_mode();
        using var scope = torch.NewDisposeScope();
        using var batch = BatchBuilder.Build(conversations, _model.Features);
        if (Temperature == TemperatureScaling.Identity) return _model.Tag(batch, withMarginals: true);
        var emissions = _model.call(batch);                                                            // [B, T, K]
        var decoding = _model.OutputLayer.Decode(emissions, batch.Mask, batch.SpeakerChanges);
        var flat = emissions.to_type(torch.ScalarType.Float32).contiguous().data<float>().ToArray();   // [B*T*K]
        var changed = batch.SpeakerChanges.contiguous().data<bool>().ToArray();                           // [B*T]
        var scores = _model.OutputLayer.ManagedScores();
        int steps = batch.MaxUtterances, labels = _labels.Count;
        var marginals = new float[conversations.Length][][];
        Parallel.For(0, conversations.Length, CrfInference.Parallelism(conversations.Length), b =>
        {
            int length = batch.ConversationLengthsArray[b];
            var probabilities = new float[length * labels];                                            // [n*K]
            TemperatureScaling.Recursion(scores, flat.AsSpan(b * steps * labels, length * labels).ToArray(), Temperature,
                changed.AsSpan(b * steps, length).ToArray()).Unary(probabilities);
            marginals[b] = new float[length][];
            for (int t = 0; t < length; t++) marginals[b][t] = probabilities.AsSpan(t * labels, labels).ToArray();
        });
        return new TaggedBatch(decoding.Paths, decoding.Scores, marginals);
    }

    /// <summary>Groups conversation indices into batches of similar length, each within the utterance budget.</summary>
    private IEnumerable<int[]> Batches(EncodedConversation[] encoded)
    {
        var order = Enumerable.Range(0, encoded.Length).OrderByDescending(i => encoded[i].Length).ThenBy(i => i).ToArray();
        var current = new List<int>();
        int longest = 0;
        foreach (int i in order)
        {
            int length = encoded[i].Length;
            int newLongest = Math.Max(longest, length);
            if (current.Count > 0 && newLongest * (current.Count + 1) > _options.MaxUtterancesPerBatch)
            {
                yield return current.ToArray();
                current.Clear();
                newLongest = length;
            }
            current.Add(i);
            longest = newLongest;
        }
        if (current.Count > 0) yield return current.ToArray();
    }

    private TaggedConversation ToResult(string id, int[] path, float[][] marginals)
    {
        var tags = new UtteranceTag[path.Length];
        for (int t = 0; t < path.Length; t++)
        {
            var probabilities = marginals[t];
            var top = Array.ConvertAll(TopLabels.Indices<float>(probabilities, _options.TopK), k => new LabelScore(_labels[k], probabilities[k]));
            tags[t] = new UtteranceTag(_labels[path[t]], probabilities[path[t]], top);
        }
        return new TaggedConversation(id, tags);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsModel) _model.Dispose();
        _resources.Dispose();
        _gate?.Dispose();
    }
}
