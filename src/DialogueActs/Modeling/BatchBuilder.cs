using DialogueActs.Text;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// The one place where managed data becomes tensors. Each tensor is built from one managed
/// array in one copy: token ids, lengths, mask and labels here, each feature's input by the feature.
/// </summary>
public static class BatchBuilder
{
    /// <summary>
    /// Builds a batch for a model with the given features (<see cref="HierarchicalTagger.Features"/>):
    /// token ids, lengths, mask, labels (only when every conversation has them) and every feature's input.
    /// </summary>
    /// <param name="conversations">The conversations, prepared by the features (<see cref="FeatureSet.Prepare"/>).</param>
    /// <param name="features">The model's features.</param>
    /// <exception cref="ArgumentException">An empty batch, an empty conversation or utterance, or a conversation without the data a feature reads.</exception>
    public static Batch Build(IReadOnlyList<EncodedConversation> conversations, FeatureSet features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return Build(conversations, features.All);
    }

    /// <summary>
    /// Test support (a model's batches come from its <see cref="FeatureSet"/>): builds a batch with every input the
    /// conversations hold: speaker flags (with
    /// <paramref name="speakerWindow"/>) when every conversation has speakers, character ids when every
    /// conversation has them. Labels are included only when every conversation has them.
    /// </summary>
    /// <param name="conversations">The conversations.</param>
    /// <param name="speakerWindow">Speaker flags per utterance (see <see cref="ModelOptions.SpeakerWindow"/>).</param>
    /// <exception cref="ArgumentException">An empty batch, an empty conversation or an empty utterance.</exception>
    internal static Batch Build(IReadOnlyList<EncodedConversation> conversations, int speakerWindow = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(speakerWindow, 1);
        var optional = new ModelFeature[] { new SpeakerChangeFeature(speakerWindow), new CharacterFeature(filters: 1, embeddingDim: 1) };
        return Build(conversations, optional.Where(f => conversations.All(f.CanRead)));
    }

    /// <summary>
    /// Builds the batch of one step of a causal model (<see cref="HierarchicalTagger.Step"/>): the last utterance of
    /// <paramref name="context"/> as a conversation of one utterance, whose utterance features see the utterances
    /// before it in <paramref name="context"/> (at least <see cref="FeatureSet.Lookback"/> of them, or all there are).
    /// </summary>
    /// <exception cref="ArgumentException">An empty context or utterance, or a context without the data a feature reads.</exception>
    internal static Batch BuildLast(EncodedConversation context, FeatureSet features)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Length == 0) throw new ArgumentException($"Conversation '{context.Id}' has no utterances.", nameof(context));
        var last = context.Slice(context.Length - 1, 1);
        var batch = Build([last], features.WordFeatures);
        try
        {
            var layout = new BatchLayout(context.Length, context.Tokens.Max(t => t.Length), context.Length);
            var lastLayout = new BatchLayout(1, last.Tokens[0].Length, 1);
            foreach (var feature in features.UtteranceFeatures)
            {
                if (feature.InputName != feature.Name) continue;
                if (feature.Lookback == 0)
                {
                    // The utterance alone: its inputs as a batch of one conversation of one utterance.
                    foreach (var (name, input) in feature.BuildInputs([last], lastLayout)) batch.SetInput(name, input);
                    continue;
                }
                using var all = feature.BuildInput([context], layout);                                 // [1, L, ...]
                batch.SetInput(feature.Name, all.narrow(1, context.Length - 1, 1).contiguous());       // [1, 1, ...]
            }
        }
        catch
        {
            batch.Dispose();
            throw;
        }
        return batch;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // hot loops run a few times per call: skip the unoptimised first tier
    private static Batch Build(IReadOnlyList<EncodedConversation> conversations, IEnumerable<ModelFeature> features)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        if (conversations.Count == 0) throw new ArgumentException("A batch needs at least one conversation.", nameof(conversations));
        int batchSize = conversations.Count;
        int maxUtterances = 0, utteranceCount = 0, maxTokens = 0;
        bool labelled = true;
        foreach (var c in conversations)
        {
            if (c.Length == 0) throw new ArgumentException($"Conversation '{c.Id}' has no utterances.", nameof(conversations));
            maxUtterances = Math.Max(maxUtterances, c.Length);
            utteranceCount += c.Length;
            labelled &= c.Labels is not null;
            foreach (var u in c.Tokens)
            {
                if (u.Length == 0) throw new ArgumentException($"Conversation '{c.Id}' has an utterance with no tokens.", nameof(conversations));
                maxTokens = Math.Max(maxTokens, u.Length);
            }
        }

        var tokens = new long[utteranceCount * maxTokens];
        var tokenLengths = new long[utteranceCount];
        var conversationLengths = new long[batchSize];
        var conversationLengthsArray = new int[batchSize];
        var mask = new bool[batchSize * maxUtterances];
        var changes = new bool[batchSize * maxUtterances];
        var labels = labelled ? new long[batchSize * maxUtterances] : null;
        int row = 0;
        for (int b = 0; b < batchSize; b++)
        {
            var c = conversations[b];
            conversationLengths[b] = c.Length;
            conversationLengthsArray[b] = c.Length;
            for (int t = 0; t < c.Length; t++, row++)
            {
                var u = c.Tokens[t];
                tokenLengths[row] = u.Length;
                for (int i = 0; i < u.Length; i++) tokens[row * maxTokens + i] = u[i];
                mask[b * maxUtterances + t] = true;
                changes[b * maxUtterances + t] = t > 0 && c.Speakers is { } speakers && speakers[t] != speakers[t - 1];
                if (labels is not null) labels[b * maxUtterances + t] = c.Labels![t];
            }
        }

        var layout = new BatchLayout(utteranceCount, maxTokens, maxUtterances);
        var inputs = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var feature in features)
                if (feature.InputName == feature.Name)
                    foreach (var (name, input) in feature.BuildInputs(conversations, layout)) inputs.Add(name, input);
        }
        catch
        {
            foreach (var input in inputs.Values) input.Dispose();
            throw;
        }

        return new Batch(
            tensor(tokens, new long[] { utteranceCount, maxTokens }),              // [U, L]
            tensor(tokenLengths),                                                    // [U]
            tensor(conversationLengths),                                             // [B]
            tensor(mask, new long[] { batchSize, maxUtterances }),                   // [B, T]
            labels is null ? null : tensor(labels, new long[] { batchSize, maxUtterances }),     // [B, T]
            inputs,
            conversationLengthsArray,
            maxTokens,
            tensor(changes, new long[] { batchSize, maxUtterances }));                // [B, T]
    }
}
