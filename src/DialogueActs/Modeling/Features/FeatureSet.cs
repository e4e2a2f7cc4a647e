using DialogueActs.Text;

namespace DialogueActs.Modeling;

/// <summary>
/// The features of a model, and the one registry mapping <see cref="ModelOptions"/> to them. The model,
/// the <see cref="BatchBuilder"/>, <see cref="ModelSummary"/>, the model archive's size checks and the
/// config validation all ask a feature set instead of testing options.
/// </summary>
/// <remarks>
/// Adding a feature: write a <see cref="WordFeature"/> or <see cref="UtteranceFeature"/> with a static
/// <c>From(ModelOptions)</c> (null when switched off) and <c>Sizes(ModelOptions)</c>, give
/// <see cref="ModelOptions"/> its config key, and add one line to the registry below.
/// </remarks>
public sealed class FeatureSet
{
    /// <summary>Every known feature, in the order its vectors are joined: how to create it, and its size options.</summary>
    private static readonly (Func<ModelOptions, ModelFeature?> Create, Func<ModelOptions, IEnumerable<ModelSize>> Sizes)[] Registry =
    [
        (WordEmbeddingFeature.From, WordEmbeddingFeature.Sizes),
        (CharacterFeature.From, CharacterFeature.Sizes),
        (PretrainedVectorFeature.From, PretrainedVectorFeature.Sizes),
        (SpeakerChangeFeature.From, SpeakerChangeFeature.Sizes),
        (SentenceVectorFeature.From, SentenceVectorFeature.Sizes),
    ];

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

    /// <summary>The optional parts of <see cref="EncodedConversation"/> the features read: encode conversations with these.</summary>
    public EncodedParts Needs => All.Aggregate(EncodedParts.None, (needs, f) => needs | f.Needs);

    /// <summary>The features a model with <paramref name="options"/> uses.</summary>
    public static FeatureSet From(ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var features = Registry.Select(entry => entry.Create(options)).OfType<ModelFeature>().ToArray();
        return new FeatureSet(features.OfType<WordFeature>(), features.OfType<UtteranceFeature>());
    }

    /// <summary>The size options of every known feature, switched on or not, in registry order.</summary>
    public static IEnumerable<ModelSize> Sizes(ModelOptions options) => Registry.SelectMany(entry => entry.Sizes(options));
}
