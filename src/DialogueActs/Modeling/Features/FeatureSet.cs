using DialogueActs.Data;
using DialogueActs.Text;

namespace DialogueActs.Modeling;

/// <summary>
/// The features of a model, and the one registry mapping <see cref="ModelOptions"/> to them. The model, the
/// <see cref="BatchBuilder"/>, <see cref="ModelSummary"/>, the model archive, the tagger, sessions and the trainer
/// all ask a feature set instead of testing options or feature types.
/// </summary>
/// <remarks>
/// Adding a feature: write a <see cref="WordFeature"/> or <see cref="UtteranceFeature"/> with a static
/// <c>From(ModelOptions, ModelDimensions)</c> (null when switched off) and <c>Sizes(ModelOptions)</c>, give
/// <see cref="ModelOptions"/> its config key, and add one line to the registry below.
/// </remarks>
public sealed class FeatureSet
{
    /// <summary>The archive folder of each feature's own entries: <c>features/{name}/</c>.</summary>
    public static string ArchiveFolder(string featureName) => $"features/{featureName}/";

    /// <summary>Every known feature, in the order its vectors are joined: how to create it, and its size options.</summary>
    private static readonly (Func<ModelOptions, ModelDimensions, ModelFeature?> Create, Func<ModelOptions, IEnumerable<ModelSize>> Sizes)[] Registry =
    [
        (WordEmbeddingFeature.From, WordEmbeddingFeature.Sizes),
        (CharacterFeature.From, CharacterFeature.Sizes),
        (TokenStatesFeature.From, TokenStatesFeature.Sizes),
        (SpeakerChangeFeature.From, SpeakerChangeFeature.Sizes),
        (SentenceVectorFeature.From, SentenceVectorFeature.Sizes),
        (TransformerUtteranceFeature.From, TransformerUtteranceFeature.Sizes),
    ];

    /// <summary>Registry lines added by <see cref="Register"/> for the current logical flow (tests); empty otherwise.</summary>
    private static readonly AsyncLocal<(Func<ModelOptions, ModelDimensions, ModelFeature?> Create, Func<ModelOptions, IEnumerable<ModelSize>> Sizes)[]?> Added = new();

    private static IEnumerable<(Func<ModelOptions, ModelDimensions, ModelFeature?> Create, Func<ModelOptions, IEnumerable<ModelSize>> Sizes)> Entries =>
        Added.Value is { } added ? Registry.Concat(added) : Registry;

    /// <summary>
    /// Adds a registry line for the calling logical flow until the result is disposed (test support: a test adds a
    /// throwaway feature without touching other tests that run at the same time).
    /// </summary>
    internal static IDisposable Register(Func<ModelOptions, ModelDimensions, ModelFeature?> create, Func<ModelOptions, IEnumerable<ModelSize>> sizes)
    {
        var before = Added.Value;
        Added.Value = [.. before ?? [], (create, sizes)];
        return new Registration(() => Added.Value = before);
    }

    private sealed class Registration(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }

    /// <summary>Creates a set.</summary>
    /// <param name="wordFeatures">Word features in joining order; at least one.</param>
    /// <param name="utteranceFeatures">Utterance features in joining order.</param>
    /// <exception cref="ArgumentException">No word feature, or two features with the same name.</exception>
    public FeatureSet(IEnumerable<WordFeature> wordFeatures, IEnumerable<UtteranceFeature> utteranceFeatures)
    {
        WordFeatures = wordFeatures.ToArray();
        UtteranceFeatures = utteranceFeatures.ToArray();
        if (WordFeatures.Count == 0) throw new ArgumentException("A model needs at least one word feature.", nameof(wordFeatures));
        var names = All.Select(f => f.Name).ToArray();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length || names.Contains(Batch.TokenInput))
            throw new ArgumentException($"Feature names must be unique and not '{Batch.TokenInput}', got {string.Join(", ", names)}.");
    }

    /// <summary>The features joined to every token before the utterance Bi-LSTM, in order.</summary>
    public IReadOnlyList<WordFeature> WordFeatures { get; }

    /// <summary>The features joined to every utterance vector before the conversation Bi-LSTM, in order.</summary>
    public IReadOnlyList<UtteranceFeature> UtteranceFeatures { get; }

    /// <summary>Every feature: word features, then utterance features.</summary>
    public IEnumerable<ModelFeature> All => WordFeatures.Concat<ModelFeature>(UtteranceFeatures);

    /// <summary>Size of each token's joined word features: the utterance Bi-LSTM's input size.</summary>
    public int WordFeatureSize => WordFeatures.Sum(f => f.Size);

    /// <summary>Total size the utterance features add to each utterance vector.</summary>
    public int UtteranceFeatureSize => UtteranceFeatures.Sum(f => f.Size);

    /// <summary>How many earlier utterances any utterance feature reads (<see cref="UtteranceFeature.Lookback"/>).</summary>
    public int Lookback => UtteranceFeatures.Select(f => f.Lookback).DefaultIfEmpty(0).Max();

    /// <summary>Every resource the features need (<see cref="ModelFeature.Resources"/>).</summary>
    public IEnumerable<ResourceRequest> Resources => All.SelectMany(f => f.Resources);

    /// <summary>Trainable parameters of every feature's module.</summary>
    public long ParameterCount => All.Sum(f => f.ParameterCount);

    /// <summary>Bytes every feature's module takes in a model archive's weights (<see cref="ModelFeature.StoredBytes"/>).</summary>
    public long StoredBytes => All.Sum(f => f.StoredBytes);

    /// <summary>The features a model with <paramref name="options"/> and <paramref name="dimensions"/> uses.</summary>
    public static FeatureSet From(ModelOptions options, ModelDimensions dimensions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dimensions);
        var features = Entries.Select(entry => entry.Create(options, dimensions)).OfType<ModelFeature>().ToArray();
        return new FeatureSet(features.OfType<WordFeature>(), features.OfType<UtteranceFeature>());
    }

    /// <summary>The size options of every known feature, switched on or not, in registry order.</summary>
    public static IEnumerable<ModelSize> Sizes(ModelOptions options) => Entries.SelectMany(entry => entry.Sizes(options));

    /// <summary>The set with each feature bound to what it learns from <paramref name="resources"/> (<see cref="ModelFeature.Bind"/>), for a model to train.</summary>
    public FeatureSet Bind(FeatureResources resources) => Map(f => f.Bind(resources));

    /// <summary>The set as a model archive stores it: each feature reads its own entries (<see cref="ModelFeature.FromArchive"/>).</summary>
    /// <param name="archive">The archive's path, for error messages.</param>
    /// <param name="read">Reads an entry by its full name; null when the archive has none.</param>
    /// <exception cref="DialogueActsException">An entry is missing or invalid.</exception>
    public FeatureSet FromArchive(string archive, Func<string, byte[]?> read) =>
        Map(f => f.FromArchive(new FeatureEntryReader(archive, ArchiveFolder(f.Name), read)));

    /// <summary>Every feature's archive entries, by full entry name (<see cref="ModelFeature.ArchiveEntries"/>).</summary>
    public IEnumerable<(string Name, byte[] Content)> ArchiveEntries() =>
        All.SelectMany(f => f.ArchiveEntries().Select(e => (ArchiveFolder(f.Name) + e.Name, e.Content)));

    /// <summary>
    /// <paramref name="encoded"/> with every feature's own data added (<see cref="ModelFeature.Prepare"/>), ready for
    /// <see cref="BatchBuilder.Build(IReadOnlyList{EncodedConversation}, FeatureSet)"/>.
    /// </summary>
    /// <param name="conversations">The conversations, as read.</param>
    /// <param name="encoded">The same conversations, encoded (<see cref="CorpusEncoder"/>), in the same order.</param>
    /// <param name="context">The tokenizer and the resolved resources.</param>
    /// <exception cref="DialogueActsException">A resource fails, or a feature returns data that does not fit the conversations.</exception>
    public EncodedConversation[] Prepare(IReadOnlyList<Conversation> conversations, IReadOnlyList<EncodedConversation> encoded, FeatureContext context)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentNullException.ThrowIfNull(context);
        if (conversations.Count != encoded.Count) throw new ArgumentException($"{conversations.Count} conversations but {encoded.Count} encoded ones.", nameof(encoded));
        var result = encoded.ToArray();
        if (result.Length == 0) return result;
        foreach (var feature in All.Where(f => f.HasPayload))
        {
            var payloads = feature.Prepare(conversations, context);
            if (payloads.Length != result.Length)
                throw new DialogueActsException($"the {feature.Name} feature prepared data for {payloads.Length} conversations, not {result.Length}");
            for (int i = 0; i < result.Length; i++)
            {
                if (payloads[i] is null || payloads[i].Length != result[i].Length)
                    throw new DialogueActsException($"the {feature.Name} feature prepared {payloads[i]?.Length ?? 0} values for conversation '{result[i].Id}' of {result[i].Length} utterances");
                result[i] = result[i].WithPayload(feature.Name, payloads[i]);
            }
        }
        return result;
    }

    private FeatureSet Map(Func<ModelFeature, ModelFeature> map)
    {
        var features = All.Select(map).ToArray();
        return new FeatureSet(features.OfType<WordFeature>(), features.OfType<UtteranceFeature>());
    }
}
