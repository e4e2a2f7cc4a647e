using DialogueActs.Configuration;
using DialogueActs.Data;
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
internal sealed record TrainingData(IReadOnlyList<Conversation> Train, IReadOnlyList<Conversation>? Valid, IReadOnlyList<Conversation>? Test,
    TextEncoder Encoder, LabelSet Labels)
{
    /// <summary>The training conversations, encoded.</summary>
    public required EncodedConversation[] Encoded { get; init; }

    /// <summary>Utterances in the training conversations.</summary>
    public int TrainUtterances => Utterances(Train);

    /// <summary>Reads the corpora of <paramref name="config"/>, builds the vocabulary and labels, encodes the training data and logs what it found.</summary>
    /// <exception cref="DialogueActsException">A corpus is missing or malformed.</exception>
    public static TrainingData Prepare(ExperimentConfig config, ITrainingObserver observer)
    {
        var data = config.Data;
        var train = Read(data.Train, config)!;
        var valid = Read(data.Valid, config);
        var test = Read(data.Test, config);
        observer.Log($"train: {train.Count:N0} conversations, {Utterances(train):N0} utterances ({data.Train})");
        if (valid is not null) observer.Log($"valid: {valid.Count:N0} conversations, {Utterances(valid):N0} utterances");
        if (test is not null) observer.Log($"test: {test.Count:N0} conversations, {Utterances(test):N0} utterances");

        var encoder = TextEncoder.Build(config.Tokenizer, train.SelectMany(c => c.Utterances).Select(u => u.Text));
        var labels = LabelSet.FromTrainingLabels(train.SelectMany(c => c.Utterances).Select(u => u.Label!));
        var statistics = new EncodingStatistics();
        var parts = FeatureSet.From(config.Model).Needs;                                                  // what the model's features read
        var encoded = train.Select(c => CorpusEncoder.Encode(c, encoder, labels, parts, statistics, data.Train)).ToArray();
        observer.Log($"vocabulary: {encoder.Vocabulary.Count:N0} entries (min count {config.Tokenizer.MinCount}); labels: {labels.Count}; " +
                     $"truncated to {config.Tokenizer.MaxTokens} tokens: {statistics.Truncated:N0} utterances");
        return new TrainingData(train, valid, test, encoder, labels) { Encoded = encoded };
    }

    private static IReadOnlyList<Conversation>? Read(string? path, ExperimentConfig config) =>
        path is null ? null : CorpusReader.Read(path, config.Data.Columns, requireLabels: true, config.Data.CorpusFormat());

    private static int Utterances(IReadOnlyList<Conversation> conversations) => conversations.Sum(c => c.Utterances.Count);
}
