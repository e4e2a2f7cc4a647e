using DialogueActs.Configuration;
using DialogueActs.Data;
using DialogueActs.Inference;
using DialogueActs.Modeling;
using DialogueActs.Text;

namespace DialogueActs.Training;

/// <summary>
/// The corpora of a run and what training builds from them: the text encoder (vocabulary), the label
/// set and the encoded training conversations.
/// </summary>
/// <param name="Train">The training conversations.</param>
/// <param name="Valid">The validation conversations, or null.</param>
/// <param name="Test">The test conversations, or null.</param>
/// <param name="Encoder">The tokenizer and vocabulary built from the training text.</param>
/// <param name="Labels">The labels of the training data.</param>
/// <param name="SentenceEncoder">The sentence encoder of a model with <c>model.sentenceEncoder</c>, else null.</param>
internal sealed record TrainingData(IReadOnlyList<Conversation> Train, IReadOnlyList<Conversation>? Valid, IReadOnlyList<Conversation>? Test,
    TextEncoder Encoder, LabelSet Labels, ISentenceEncoder? SentenceEncoder)
{
    /// <summary>The options of a tagger over the model being trained: the defaults, with the sentence encoder.</summary>
    public TaggerOptions TaggerOptions => new() { SentenceEncoder = SentenceEncoder };

    /// <summary>The training conversations, encoded.</summary>
    public required EncodedConversation[] Encoded { get; init; }

    /// <summary>Utterances in the training conversations.</summary>
    public int TrainUtterances => Utterances(Train);

    /// <summary>Reads the corpora of <paramref name="config"/>, builds the vocabulary and labels, encodes the training data and logs what it found.</summary>
    /// <param name="config">The config, with its sentence encoder's id and size set (<see cref="SentenceEncoderSetup"/>).</param>
    /// <param name="observer">Receives log lines.</param>
    /// <param name="sentenceEncoder">The sentence encoder when the config names one, else null.</param>
    /// <param name="pretrainedVocabulary">The words of the frozen vector table when <c>model.frozenVectors</c> is on, else null.</param>
    /// <exception cref="DialogueActsException">A corpus is missing or malformed.</exception>
    public static TrainingData Prepare(ExperimentConfig config, ITrainingObserver observer, ISentenceEncoder? sentenceEncoder = null,
        Vocabulary? pretrainedVocabulary = null)
    {
        var data = config.Data;
        var train = Read(data.Train, config)!;
        var valid = Read(data.Valid, config);
        var test = Read(data.Test, config);
        observer.Log($"train: {train.Count:N0} conversations, {Utterances(train):N0} utterances ({data.Train})");
        if (valid is not null) observer.Log($"valid: {valid.Count:N0} conversations, {Utterances(valid):N0} utterances");
        if (test is not null) observer.Log($"test: {test.Count:N0} conversations, {Utterances(test):N0} utterances");

        var encoder = TextEncoder.Build(config.Tokenizer, train.SelectMany(c => c.Utterances).Select(u => u.Text));
        if (pretrainedVocabulary is not null) encoder = new TextEncoder(encoder.Options, encoder.Vocabulary, pretrainedVocabulary);
        var labels = LabelSet.FromTrainingLabels(train.SelectMany(c => c.Utterances).Select(u => u.Label!));
        var statistics = new EncodingStatistics();
        var parts = FeatureSet.From(config.Model).Needs;                                                  // what the model's features read
        var encoded = train.Select(c => CorpusEncoder.Encode(c, encoder, labels, parts, statistics, data.Train)).ToArray();
        if (parts.HasFlag(EncodedParts.SentenceVectors))
            encoded = AttachSentenceVectors(encoded, valid, sentenceEncoder ?? throw new ArgumentNullException(nameof(sentenceEncoder)), observer);
        observer.Log($"vocabulary: {encoder.Vocabulary.Count:N0} entries (min count {config.Tokenizer.MinCount}); labels: {labels.Count}; " +
                     $"truncated to {config.Tokenizer.MaxTokens} tokens: {statistics.Truncated:N0} utterances");
        return new TrainingData(train, valid, test, encoder, labels, sentenceEncoder) { Encoded = encoded };
    }

    /// <summary>
    /// Encodes every training and validation text with the sentence encoder up front, so its cache holds them
    /// all before the first epoch (validation then only reads the cache), and logs the time it took.
    /// </summary>
    private static EncodedConversation[] AttachSentenceVectors(EncodedConversation[] encoded, IReadOnlyList<Conversation>? valid,
        ISentenceEncoder sentenceEncoder, ITrainingObserver observer)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = SentenceVectorEncoding.Attach(encoded, sentenceEncoder);
        if (valid is not null)
            sentenceEncoder.Encode(valid.SelectMany(c => c.Utterances).Select(u => u.Text).Distinct(StringComparer.Ordinal).ToArray());
        string cache = sentenceEncoder is Pretrained.CachedSentenceEncoder cached ? $" ({cached.Hits:N0} from the cache, {cached.Misses:N0} encoded)" : "";
        observer.Log($"sentence vectors: {sentenceEncoder.Id}, {sentenceEncoder.Dimension} values, in {clock.Elapsed.TotalSeconds:N1} s{cache}");
        return result;
    }

    private static IReadOnlyList<Conversation>? Read(string? path, ExperimentConfig config) =>
        path is null ? null : CorpusReader.Read(path, config.Data.Columns, requireLabels: true, config.Data.CorpusFormat());

    private static int Utterances(IReadOnlyList<Conversation> conversations) => conversations.Sum(c => c.Utterances.Count);
}
