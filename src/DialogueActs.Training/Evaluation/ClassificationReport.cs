using DialogueActs.Inference;

namespace DialogueActs.Training.Evaluation;

/// <summary>
/// Evaluation metrics of a dialogue-act tagger on a labelled corpus: accuracy, macro and weighted F1,
/// per-class precision/recall/F1/support and the confusion matrix. Averages follow scikit-learn's
/// <c>classification_report</c> with <c>labels</c> = union of gold and predicted labels. Gold labels the
/// model never saw are errors (they can never be predicted); they are listed in
/// <see cref="UnknownLabels"/> and get extra confusion-matrix rows/columns after the model labels.
/// </summary>
public sealed class ClassificationReport
{
    /// <summary>Key of the macro average in the JSON <c>per_class</c> object.</summary>
    public const string MacroAverageKey = "macro avg";

    /// <summary>Key of the weighted average in the JSON <c>per_class</c> object.</summary>
    public const string WeightedAverageKey = "weighted avg";

    private readonly int[][] _confusion;

    internal ClassificationReport(
        double accuracy,
        int utteranceCount,
        int conversationCount,
        IReadOnlyList<string> labels,
        int[][] confusion,
        IReadOnlyDictionary<string, ClassMetrics> perClass,
        ClassMetrics macroAverage,
        ClassMetrics weightedAverage,
        IReadOnlyDictionary<string, int> unknownLabels,
        EvaluationMode mode,
        IReadOnlyList<MisclassifiedUtterance>? errors = null)
    {
        Accuracy = accuracy;
        UtteranceCount = utteranceCount;
        ConversationCount = conversationCount;
        Labels = labels;
        _confusion = confusion;
        ConfusionMatrix = Array.AsReadOnly(confusion.Select(row => (IReadOnlyList<int>)Array.AsReadOnly(row)).ToArray());
        PerClass = perClass;
        MacroAverage = macroAverage;
        WeightedAverage = weightedAverage;
        UnknownLabels = unknownLabels;
        Mode = mode;
        Errors = errors ?? [];
    }

    /// <summary>Fraction of utterances whose predicted label equals the gold label.</summary>
    public double Accuracy { get; }

    /// <summary>Unweighted mean F1 over the classes in <see cref="PerClass"/>.</summary>
    public double MacroF1 => MacroAverage.F1;

    /// <summary>Mean F1 over the classes in <see cref="PerClass"/>, weighted by support.</summary>
    public double WeightedF1 => WeightedAverage.F1;

    /// <summary>Number of evaluated utterances.</summary>
    public int UtteranceCount { get; }

    /// <summary>Number of evaluated conversations.</summary>
    public int ConversationCount { get; }

    /// <summary>
    /// Row/column order of <see cref="ConfusionMatrix"/>: the model labels in index order, then the unknown
    /// gold labels in ordinal order.
    /// </summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Confusion counts indexed [gold, predicted] in <see cref="Labels"/> order.</summary>
    public IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix { get; }

    /// <summary>
    /// Metrics of every class that occurs in the gold labels or in the predictions, enumerated in
    /// <see cref="Labels"/> order. Model labels that are neither gold nor predicted are left out.
    /// </summary>
    public IReadOnlyDictionary<string, ClassMetrics> PerClass { get; }

    /// <summary>Unweighted mean precision, recall and F1 over <see cref="PerClass"/>; support is the utterance count.</summary>
    public ClassMetrics MacroAverage { get; }

    /// <summary>Support-weighted mean precision, recall and F1 over <see cref="PerClass"/>; support is the utterance count.</summary>
    public ClassMetrics WeightedAverage { get; }

    /// <summary>Gold labels that are not model labels, with how many utterances carry each (all counted as errors).</summary>
    public IReadOnlyDictionary<string, int> UnknownLabels { get; }

    /// <summary>How the predictions were made: <see cref="EvaluationMode.Offline"/> unless <see cref="WithMode"/> says otherwise.</summary>
    public EvaluationMode Mode { get; }

    /// <summary>
    /// The misclassified utterances in corpus order, when the report was made by <see cref="TaggerEvaluator"/> (which knows
    /// the texts); empty for a report computed from labels alone.
    /// </summary>
    public IReadOnlyList<MisclassifiedUtterance> Errors { get; }

    /// <summary>The names of the labels (the model's glossary); empty when the model has none.</summary>
    public LabelGlossary Glossary { get; private init; } = LabelGlossary.Empty;

    /// <summary>How well the confidences are calibrated, before and after temperature scaling; null when not measured (online evaluations).</summary>
    public CalibrationReport? Calibration { get; private init; }

    /// <summary>The same report, recording that its predictions were made in <paramref name="mode"/>.</summary>
    public ClassificationReport WithMode(EvaluationMode mode)
    {
        ArgumentNullException.ThrowIfNull(mode);
        return new ClassificationReport(Accuracy, UtteranceCount, ConversationCount, Labels, _confusion, PerClass, MacroAverage,
            WeightedAverage, UnknownLabels, mode, Errors) { Glossary = Glossary, Calibration = Calibration };
    }

    /// <summary>The same report with the names of its labels.</summary>
    public ClassificationReport WithGlossary(LabelGlossary glossary)
    {
        ArgumentNullException.ThrowIfNull(glossary);
        return new ClassificationReport(Accuracy, UtteranceCount, ConversationCount, Labels, _confusion, PerClass, MacroAverage,
            WeightedAverage, UnknownLabels, Mode, Errors) { Glossary = glossary, Calibration = Calibration };
    }

    /// <summary>The same report with its calibration measurements.</summary>
    public ClassificationReport WithCalibration(CalibrationReport? calibration) =>
        new(Accuracy, UtteranceCount, ConversationCount, Labels, _confusion, PerClass, MacroAverage, WeightedAverage, UnknownLabels, Mode, Errors)
        {
            Glossary = Glossary,
            Calibration = calibration,
        };

    /// <summary>The same report with the misclassified utterances behind its counts.</summary>
    internal ClassificationReport WithErrors(IReadOnlyList<MisclassifiedUtterance> errors) =>
        new(Accuracy, UtteranceCount, ConversationCount, Labels, _confusion, PerClass, MacroAverage, WeightedAverage, UnknownLabels, Mode, errors)
        {
            Glossary = Glossary,
            Calibration = Calibration,
        };

    /// <summary>Number of utterances with gold label <paramref name="gold"/> predicted as <paramref name="predicted"/>.</summary>
    /// <param name="gold">Row index in <see cref="Labels"/>.</param>
    /// <param name="predicted">Column index in <see cref="Labels"/>.</param>
    public int Count(int gold, int predicted) => _confusion[gold][predicted];

    /// <summary>Computes the report.</summary>
    /// <param name="modelLabels">The model's labels in index order (no duplicates).</param>
    /// <param name="gold">Gold label of every evaluated utterance.</param>
    /// <param name="predicted">Predicted label of every utterance, aligned with <paramref name="gold"/>; each must be a model label.</param>
    /// <param name="conversationCount">Number of conversations the utterances come from.</param>
    /// <exception cref="ArgumentException">The lists differ in length, a model label is repeated or a prediction is not a model label.</exception>
    /// <exception cref="DialogueActsException">There are no utterances to evaluate.</exception>
    public static ClassificationReport Compute(
        IReadOnlyList<string> modelLabels,
        IReadOnlyList<string> gold,
        IReadOnlyList<string> predicted,
        int conversationCount)
    {
        ArgumentNullException.ThrowIfNull(modelLabels);
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentOutOfRangeException.ThrowIfNegative(conversationCount);
        if (gold.Count != predicted.Count)
        {
            throw new ArgumentException(
                $"Gold ({gold.Count}) and predicted ({predicted.Count}) label lists differ in length.", nameof(predicted));
        }
        if (gold.Count == 0)
        {
            throw new DialogueActsException("Cannot evaluate: there are no labelled utterances.");
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var label in modelLabels)
        {
            if (!index.TryAdd(label, index.Count))
            {
                throw new ArgumentException($"Model label '{label}' is listed twice.", nameof(modelLabels));
            }
        }

        var unknown = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var label in gold)
        {
            if (!index.ContainsKey(label))
            {
                unknown[label] = unknown.GetValueOrDefault(label) + 1;
            }
        }
        foreach (var label in unknown.Keys)
        {
            index.Add(label, index.Count);
        }
        var labels = new List<string>(modelLabels);
        labels.AddRange(unknown.Keys);

        int n = labels.Count;
        var confusion = new int[n][];
        for (int i = 0; i < n; i++)
        {
            confusion[i] = new int[n];
        }
        int correct = 0;
        for (int i = 0; i < gold.Count; i++)
        {
            int g = index[gold[i]];
            if (!index.TryGetValue(predicted[i], out int p) || p >= modelLabels.Count)
            {
                throw new ArgumentException($"Prediction {i} ('{predicted[i]}') is not a model label.", nameof(predicted));
            }
            confusion[g][p]++;
            if (g == p)
            {
                correct++;
            }
        }

        return FromConfusion(labels, confusion, (double)correct / gold.Count, conversationCount, unknown);
    }

    /// <summary>Derives every metric from the confusion matrix.</summary>
    private static ClassificationReport FromConfusion(
        List<string> labels,
        int[][] confusion,
        double accuracy,
        int conversationCount,
        IDictionary<string, int> unknown)
    {
        int n = labels.Count;
        var perClass = new OrderedDictionary<string, ClassMetrics>(StringComparer.Ordinal);
        int total = 0;
        for (int c = 0; c < n; c++)
        {
            int tp = confusion[c][c];
            int support = confusion[c].Sum();
            int predictedCount = 0;
            for (int r = 0; r < n; r++)
            {
                predictedCount += confusion[r][c];
            }
            if (support == 0 && predictedCount == 0)
            {
                continue;
            }
            total += support;
            double precision = predictedCount == 0 ? 0.0 : (double)tp / predictedCount;
            double recall = support == 0 ? 0.0 : (double)tp / support;
            // F1 = 2TP / (2TP + FP + FN) = 2TP / (predicted + support); the denominator is > 0 here.
            double f1 = 2.0 * tp / (predictedCount + support);
            perClass.Add(labels[c], new ClassMetrics(precision, recall, f1, support));
        }

        int classes = perClass.Count;
        var macro = new ClassMetrics(
            perClass.Values.Sum(m => m.Precision) / classes,
            perClass.Values.Sum(m => m.Recall) / classes,
            perClass.Values.Sum(m => m.F1) / classes,
            total);
        var weighted = new ClassMetrics(
            perClass.Values.Sum(m => m.Precision * m.Support) / total,
            perClass.Values.Sum(m => m.Recall * m.Support) / total,
            perClass.Values.Sum(m => m.F1 * m.Support) / total,
            total);

        var unknownLabels = new OrderedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (label, count) in unknown)
        {
            unknownLabels.Add(label, count);
        }
        return new ClassificationReport(
            accuracy, total, conversationCount, labels.AsReadOnly(), confusion, perClass, macro, weighted, unknownLabels, EvaluationMode.Offline);
    }
}
