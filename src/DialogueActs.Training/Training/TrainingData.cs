using DialogueActs.Training.Configuration;
using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Modeling;
using DialogueActs.Text;

namespace DialogueActs.Training;

/// <summary>
/// The corpora of a run and what training builds from them: the text encoder (vocabulary), the label set, the model's
/// features bound to their resources, and the encoded training conversations with every feature's own data.
/// </summary>
/// <param name="Train">The training conversations.</param>
/// <param name="Valid">The validation conversations, or null.</param>
/// <param name="Test">The test conversations, or null.</param>
/// <param name="Encoder">The tokenizer and vocabulary built from the training text.</param>
/// <param name="Labels">The labels of the training data.</param>
/// <param name="Features">The model's features, bound to their resources.</param>
/// <param name="Resources">The features' resolved resources (for example a cached sentence encoder).</param>
internal sealed record TrainingData(IReadOnlyList<Conversation> Train, IReadOnlyList<Conversation>? Valid, IReadOnlyList<Conversation>? Test,
    TextEncoder Encoder, LabelSet Labels, FeatureSet Features, FeatureResources Resources)
{
    /// <summary>The names of the labels (<c>data.glossary</c>), kept in <c>model.zip</c>; empty without one.</summary>
    public LabelGlossary Glossary { get; init; } = LabelGlossary.Empty;

    /// <summary>The options of a tagger over the model being trained: the defaults, with the features' resources.</summary>
    public TaggerOptions TaggerOptions => new() { Resources = Resources.Values };

    /// <summary>The vocabulary and label counts.</summary>
    public ModelDimensions Dimensions => new(Encoder.Vocabulary.Count, Labels.Count);

    /// <summary>The training conversations, encoded.</summary>
    public required EncodedConversation[] Encoded { get; init; }

    /// <summary>Utterances in the training conversations.</summary>
    public int TrainUtterances => Utterances(Train);

    /// <summary>
    /// Reads the corpora of <paramref name="config"/>, builds the vocabulary and labels, resolves and binds the features'
    /// resources, encodes the training data with every feature's own data and logs what it found.
    /// </summary>
    /// <param name="config">The config.</param>
    /// <param name="observer">Receives log lines.</param>
    /// <param name="resources">Resolves the features' resources (the caller's, its providers', behind the training cache); the result owns what it creates.</param>
    /// <exception cref="DialogueActsException">A corpus is missing or malformed, or a feature's resource is missing or fails.</exception>
    public static TrainingData Prepare(ExperimentConfig config, ITrainingObserver observer, Func<FeatureSet, FeatureResources> resources)
    {
        var data = config.Data;
        var glossary = data.Glossary is null ? LabelGlossary.Empty : LabelGlossary.Read(data.Glossary, data.Columns.Label ?? "label");
        var train = Read(data.Train, config)!;
        var valid = Read(data.Valid, config);
        var test = Read(data.Test, config);
        observer.Log($"train: {train.Count:N0} conversations, {Utterances(train):N0} utterances ({data.Train})");
        if (valid is not null) observer.Log($"valid: {valid.Count:N0} conversations, {Utterances(valid):N0} utterances");
        if (test is not null) observer.Log($"test: {test.Count:N0} conversations, {Utterances(test):N0} utterances");

        var encoder = TextEncoder.Build(config.Tokenizer, train.SelectMany(c => c.Utterances).Select(u => u.Text));
        var labels = LabelSet.FromTrainingLabels(train.SelectMany(c => c.Utterances).Select(u => u.Label!));
        if (data.Glossary is not null)
            observer.Log($"label names: {labels.Labels.Count(l => glossary.NameOf(l) is not null)} of {labels.Count} labels named ({data.Glossary})");
        var statistics = new EncodingStatistics();
        var encoded = train.Select(c => CorpusEncoder.Encode(c, encoder, labels, statistics, data.Train)).ToArray();
        observer.Log($"vocabulary: {encoder.Vocabulary.Count:N0} entries (min count {config.Tokenizer.MinCount}); labels: {labels.Count}; " +
                     $"truncated to {config.Tokenizer.MaxTokens} tokens: {statistics.Truncated:N0} utterances");

        var unbound = FeatureSet.From(config.Model, new ModelDimensions(encoder.Vocabulary.Count, labels.Count));
        var resolved = resources(unbound);
        try
        {
            var features = unbound.Bind(resolved);
            encoded = PrepareFeatures(features, new FeatureContext(encoder, resolved, observer.Preparing), train, encoded, valid, observer);
            return new TrainingData(train, valid, test, encoder, labels, features, resolved) { Encoded = encoded, Glossary = glossary };
        }
        catch
        {
            resolved.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Adds every feature's own data to the training conversations and prepares the validation conversations once too (so
    /// that a resource's cache holds them before the first epoch), logging the time it took.
    /// </summary>
    private static EncodedConversation[] PrepareFeatures(FeatureSet features, FeatureContext context, IReadOnlyList<Conversation> train,
        EncodedConversation[] encoded, IReadOnlyList<Conversation>? valid, ITrainingObserver observer)
    {
        if (!features.All.Any(f => f.HasPayload)) return encoded;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = features.Prepare(train, encoded, context);
        if (valid is not null)
            features.Prepare(valid, valid.Select(c => CorpusEncoder.Encode(c, context.Encoder, labels: null)).ToArray(), context);
        string names = string.Join(", ", features.All.Where(f => f.HasPayload).Select(f => f.Name));
        observer.Log($"feature data ({names}): prepared in {clock.Elapsed.TotalSeconds:N1} s");
        return result;
    }

    private static IReadOnlyList<Conversation>? Read(string? path, ExperimentConfig config) =>
        path is null ? null : CorpusReader.Read(path, config.Data.Columns, requireLabels: true, config.Data.CorpusFormat());

    private static int Utterances(IReadOnlyList<Conversation> conversations) => conversations.Sum(c => c.Utterances.Count);
}
