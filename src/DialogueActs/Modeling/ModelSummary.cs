namespace DialogueActs.Modeling;

/// <summary>One row of a <see cref="ModelSummary"/>.</summary>
/// <param name="Layer">Layer name and kind.</param>
/// <param name="OutputShape">Output shape with symbolic batch dimensions.</param>
/// <param name="Parameters">Trainable parameter count.</param>
/// <param name="ParameterPrefix">Prefix of the layer's parameters in <c>named_parameters()</c> (null: the layer has none).</param>
/// <param name="Note">How the count is made, or null.</param>
public sealed record ModelSummaryRow(string Layer, string OutputShape, long Parameters, string? ParameterPrefix, string? Note);

/// <summary>
/// A Keras-style summary of the hierarchical tagger: each layer's output shape and trainable
/// parameter count, computed from the sizes alone. A test checks the counts against the real module.
/// </summary>
public static class ModelSummary
{
    /// <summary>Builds the rows for the given sizes: one row per layer, one per feature (<see cref="ModelFeature.SummaryRow"/>).</summary>
    /// <param name="o">The model options.</param>
    /// <param name="dimensions">The vocabulary and label counts.</param>
    /// <param name="features">The model's features; null for those <paramref name="o"/> implies (<see cref="FeatureSet.From"/>).</param>
    public static IReadOnlyList<ModelSummaryRow> Rows(ModelOptions o, ModelDimensions dimensions, FeatureSet? features = null)
    {
        features ??= FeatureSet.From(o, dimensions);
        long h1 = o.UtteranceHidden, h2 = o.ConversationHidden, k = dimensions.LabelCount;
        long word = features.WordFeatureSize;
        long vectorSize = (o.MaxPooling ? 4 : 2) * h1;
        long utteranceSize = vectorSize + features.UtteranceFeatureSize;
        var rows = new List<ModelSummaryRow>();
        foreach (var feature in features.WordFeatures) rows.Add(feature.SummaryRow(Prefix("_utteranceEncoder.", feature)));
        rows.AddRange(new ModelSummaryRow[]
        {
            new("embedding_dropout (Dropout)", $"(utterances, tokens, {word})", 0, null, null),
            new($"utterance_lstm (Bi-LSTM, {h1} units)", $"(utterances, {vectorSize})", LstmParameters(word, h1), "_utteranceEncoder._lstm",
                LstmNote(word, h1) + (o.MaxPooling
                    ? "; output joins the final forward and backward states and their max-pools"
                    : "; output joins the final forward and backward states")),
            new("utterance_dropout (Dropout)", $"(utterances, {vectorSize})", 0, null, null),
            new("to_conversations (reshape)", $"(conversations, turns, {vectorSize})", 0, null, null),
        });
        foreach (var feature in features.UtteranceFeatures) rows.Add(feature.SummaryRow(Prefix("", feature)));
        if (features.UtteranceFeatures.Count > 0)
            rows.Add(new("joined (Concatenate)", $"(conversations, turns, {utteranceSize})", 0, null, "utterance vector, then each utterance feature"));
        long emissionInput = utteranceSize;
        if (o.UseConversationLstm && o.ConversationDirection == ConversationDirection.Forward)
        {
            rows.Add(new($"conversation_lstm (forward LSTM, {h2} units)", $"(conversations, turns, {h2})", LstmParameters(utteranceSize, h2) / 2,
                "_conversationEncoder._lstmForward",
                $"4·H·(in+H) + 8·H = 4·{h2}·({utteranceSize}+{h2}) + 8·{h2} (two bias vectors), one direction: a causal model, taggable one utterance at a time"));
            emissionInput = h2;
        }
        else if (o.UseConversationLstm)
        {
            rows.Add(new($"conversation_lstm (Bi-LSTM, {h2} units)", $"(conversations, turns, {2 * h2})", LstmParameters(utteranceSize, h2),
                "_conversationEncoder._lstm", LstmNote(utteranceSize, h2)));
            emissionInput = 2 * h2;
        }
        rows.Add(new("dropout (Dropout)", $"(conversations, turns, {emissionInput})", 0, null, null));
        rows.Add(new("emissions (Linear)", $"(conversations, turns, {k})", emissionInput * k + k, "_conversationEncoder._output",
            $"{emissionInput} × {k} weights + {k} biases"));
        rows.Add(o.UseCrf
            ? new("crf (LinearChainCrf)", "(conversations, turns)", (o.SpeakerTransitions ? 2 : 1) * k * k + 2 * k, "_outputLayer",
                (o.SpeakerTransitions ? $"2 × {k}×{k} transitions (same speaker, speaker changed)" : $"{k}×{k} transitions") + $" + {k} start + {k} end scores; Viterbi decoding")
            : new("softmax (IndependentSoftmax)", "(conversations, turns)", 0, null, "no CRF: each utterance decoded on its own"));
        return rows;
    }

    /// <summary>Total trainable parameters.</summary>
    /// <param name="options">The model options.</param>
    /// <param name="dimensions">The vocabulary and label counts.</param>
    /// <param name="features">The model's features; null for those <paramref name="options"/> implies.</param>
    public static long Total(ModelOptions options, ModelDimensions dimensions, FeatureSet? features = null) => Rows(options, dimensions, features).Sum(r => r.Parameters);

    /// <summary>
    /// Parameters of a bidirectional LSTM layer. Per direction: four gates, each with an input weight
    /// <c>[H, input]</c>, a recurrent weight <c>[H, H]</c> and two bias vectors <c>[H]</c>
    /// (libtorch keeps <c>b_ih</c> and <c>b_hh</c>): <c>4·H·(input+H) + 8·H</c>.
    /// </summary>
    public static long LstmParameters(long input, long hidden) => 2 * (4 * hidden * (input + hidden) + 8 * hidden);

    /// <summary>The prefix of a feature's parameters in the tagger, or null when it has no module.</summary>
    private static string? Prefix(string parent, ModelFeature feature) =>
        feature.ModuleName is null || feature.ParameterCount == 0 ? null : parent + feature.ModuleName;

    private static string LstmNote(long input, long hidden) =>
        $"\"{hidden} units\" = {hidden} per direction; per direction 4·H·(in+H) + 8·H = 4·{hidden}·({input}+{hidden}) + 8·{hidden} = {4 * hidden * (input + hidden) + 8 * hidden} (two bias vectors), × 2 directions";
}
