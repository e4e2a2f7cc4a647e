using DialogueActs.Data;
using DialogueActs.Modeling;

namespace DialogueActs.Inference;

/// <summary>
/// A tagger's scores of labelled conversations, computed once (one pass of the network), from which the Viterbi labels
/// and the marginals at any temperature follow without running the network again: what fitting a temperature
/// (<see cref="TemperatureScaling.Fit"/>) and measuring calibration need. Utterances are in corpus order throughout.
/// </summary>
public sealed class CalibrationData
{
    private readonly CrfScores _scores;
    private readonly float[][] _emissions;                                                             // per conversation [n*K]
    private readonly int[][] _paths;                                                                   // per conversation [n]
    private readonly int[][] _gold;                                                                    // per conversation [n], -1: unknown to the model
    private readonly bool[][]? _changes;                                                               // per conversation [n]: the speaker changed; null: never

    internal CalibrationData(CrfScores scores, float[][] emissions, int[][] paths, int[][] gold, bool[][]? changes = null)
    {
        _changes = changes;
        if (emissions.Length != paths.Length || emissions.Length != gold.Length)
            throw new ArgumentException("Each conversation needs its emissions, path and gold labels.", nameof(paths));
        for (int c = 0; c < emissions.Length; c++)
            if (paths[c].Length == 0 || paths[c].Length != gold[c].Length || emissions[c].Length != paths[c].Length * scores.LabelCount)
                throw new ArgumentException($"Conversation {c}: {emissions[c].Length} emission scores, {paths[c].Length} labels and {gold[c].Length} gold labels do not fit {scores.LabelCount} labels.", nameof(emissions));
        _scores = scores;
        _emissions = emissions;
        _paths = paths;
        _gold = gold;
        UtteranceCount = paths.Sum(p => p.Length);
        KnownGoldCount = gold.Sum(g => g.Count(label => label >= 0));
        Predicted = Array.AsReadOnly(paths.SelectMany(p => p).ToArray());
        Gold = Array.AsReadOnly(gold.SelectMany(g => g).ToArray());
    }

    /// <summary>Scores labelled conversations with <paramref name="tagger"/> (its model and precision, offline).</summary>
    /// <param name="tagger">The tagger.</param>
    /// <param name="conversations">Conversations whose every utterance has a gold label.</param>
    /// <param name="source">Names the conversations in errors (a file).</param>
    /// <exception cref="DialogueActsException">No conversations, an empty one, one over the tagger's limit, or an utterance without a gold label.</exception>
    public static CalibrationData Compute(DialogueActTagger tagger, IReadOnlyList<Conversation> conversations, string source)
    {
        ArgumentNullException.ThrowIfNull(tagger);
        ArgumentNullException.ThrowIfNull(conversations);
        if (conversations.Count == 0) throw new DialogueActsException($"{source}: no conversations");
        var gold = new int[conversations.Count][];
        for (int c = 0; c < gold.Length; c++)
        {
            var utterances = conversations[c].Utterances;
            gold[c] = new int[utterances.Count];
            for (int i = 0; i < utterances.Count; i++)
            {
                string label = utterances[i].Label ?? throw new DialogueActsException($"{source}: conversation '{conversations[c].Id}', utterance {i}: label is missing");
                gold[c][i] = tagger.LabelId(label);
            }
        }
        var (scores, emissions, paths, changes) = tagger.Score(conversations);
        return new CalibrationData(scores, emissions, paths, gold, changes);
    }

    /// <summary>Number of labels.</summary>
    public int LabelCount => _scores.LabelCount;

    /// <summary>Number of conversations.</summary>
    public int ConversationCount => _emissions.Length;

    /// <summary>Number of utterances.</summary>
    public int UtteranceCount { get; }

    /// <summary>Number of utterances whose gold label is one of the model's.</summary>
    public int KnownGoldCount { get; }

    /// <summary>The label index of each utterance's Viterbi label (what a tagger answers, at every temperature).</summary>
    public IReadOnlyList<int> Predicted { get; }

    /// <summary>The label index of each utterance's gold label; -1 for a label the model does not have.</summary>
    public IReadOnlyList<int> Gold { get; }

    /// <summary>The same data for some of the conversations, in the order given.</summary>
    /// <param name="conversations">Indices of conversations.</param>
    public CalibrationData Subset(IReadOnlyList<int> conversations)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        return new CalibrationData(_scores, conversations.Select(c => _emissions[c]).ToArray(), conversations.Select(c => _paths[c]).ToArray(),
            conversations.Select(c => _gold[c]).ToArray(), _changes is null ? null : conversations.Select(c => _changes[c]).ToArray());
    }

    /// <summary>
    /// The mean negative log-likelihood of the gold labels under the marginals at <paramref name="temperature"/>, over the
    /// utterances whose gold label the model has (a probability is floored at 1e-12, so one utterance cannot make it infinite).
    /// </summary>
    public double NegativeLogLikelihood(double temperature)
    {
        TemperatureScaling.Check(temperature, nameof(temperature));
        var sums = new double[_emissions.Length];
        Parallel.For(0, _emissions.Length, CrfInference.Parallelism(_emissions.Length), c =>
        {
            var recursion = TemperatureScaling.Recursion(_scores, _emissions[c], temperature, _changes?[c]);
            double sum = 0;
            for (int i = 0; i < _gold[c].Length; i++)
                if (_gold[c][i] >= 0) sum -= Math.Log(Math.Max(recursion.Posterior(i, _gold[c][i]), 1e-12));
            sums[c] = sum;
        });
        return KnownGoldCount == 0 ? 0 : sums.Sum() / KnownGoldCount;
    }

    /// <summary>The marginal probability of every label at every utterance at <paramref name="temperature"/>, <c>[utterances][labels]</c>.</summary>
    public float[][] Probabilities(double temperature)
    {
        TemperatureScaling.Check(temperature, nameof(temperature));
        var perConversation = new float[_emissions.Length][][];
        int labels = LabelCount;
        Parallel.For(0, _emissions.Length, CrfInference.Parallelism(_emissions.Length), c =>
        {
            int n = _paths[c].Length;
            var flat = new float[n * labels];                                                              // [n*K]
            TemperatureScaling.Recursion(_scores, _emissions[c], temperature, _changes?[c]).Unary(flat);
            perConversation[c] = new float[n][];
            for (int i = 0; i < n; i++) perConversation[c][i] = flat.AsSpan(i * labels, labels).ToArray();
        });
        return perConversation.SelectMany(p => p).ToArray();
    }
}
