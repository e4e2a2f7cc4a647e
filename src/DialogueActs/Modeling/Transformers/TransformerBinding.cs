using DialogueActs.Data;
using DialogueActs.Text;

namespace DialogueActs.Modeling.Transformers;

/// <summary>
/// What the transformer features (<see cref="TokenStatesFeature"/>, <see cref="TransformerUtteranceFeature"/>) keep of
/// the encoder they were trained with, in their archive entry <c>encoder.json</c>: its exact id and sizes. A trained
/// model accepts only that encoder.
/// </summary>
/// <param name="Id">The encoder's exact <see cref="IPretrainedTransformer.Id"/>.</param>
/// <param name="Encoder">Its sizes, which shape the layers a model fine-tunes.</param>
internal sealed record TransformerBinding(string Id, BertEncoderOptions Encoder)
{
    /// <summary>Size of the encoder's states.</summary>
    public int Hidden => Encoder.HiddenSize;

    /// <summary>Number of its layers.</summary>
    public int Layers => Encoder.Layers;

    /// <summary>The archive entry's name.</summary>
    public const string Entry = "encoder.json";

    /// <summary>The binding of <paramref name="transformer"/>.</summary>
    public static TransformerBinding Of(IPretrainedTransformer transformer) =>
        new(transformer.Id, transformer.Encoder.Options);

    /// <summary>The request of a feature for the encoder <paramref name="name"/> (a config's name, or the exact id once bound).</summary>
    public static ResourceRequest Request(string feature, string name) => new(feature, IPretrainedTransformer.ResourceKind, name,
        "model.transformer.encoder names it; all-MiniLM-L6-v2 comes with the DialogueActs.Transformers package, which the dialogue-acts tool includes",
        "transformer");

    /// <summary>Whether <paramref name="resource"/> is the encoder a feature needs: named <paramref name="name"/> before binding, exactly <paramref name="bound"/> after.</summary>
    public static ResourceFit Fit(object resource, string name, TransformerBinding? bound)
    {
        if (resource is not IPretrainedTransformer transformer) return ResourceFit.OtherKind;
        if (bound is null)
            return SentenceEncoderNames.Names(name, transformer.Id) ? ResourceFit.Fits : ResourceFit.Mismatch($"the encoder given is '{transformer.Id}'");
        return Of(transformer) == bound ? ResourceFit.Fits
            : ResourceFit.Mismatch($"the model was trained with '{bound.Id}', but was given '{transformer.Id}'");
    }

    /// <summary>Reads and checks the archive entry.</summary>
    /// <exception cref="DialogueActsException">The entry is missing or invalid.</exception>
    public static TransformerBinding Read(FeatureEntryReader entries)
    {
        var binding = entries.ReadJson<TransformerBinding>(Entry);
        if (string.IsNullOrWhiteSpace(binding.Id)) throw entries.Error(Entry, "id: must not be empty");
        if (binding.Encoder is null) throw entries.Error(Entry, "encoder: missing");
        try
        {
            binding.Encoder.Validate();
        }
        catch (ArgumentException ex)
        {
            throw entries.Error(Entry, $"encoder: {ex.Message}");
        }
        if (binding.Hidden > ModelOptions.MaxLayerSize || binding.Layers > 1024 || binding.Encoder.IntermediateSize > ModelOptions.MaxLayerSize)
            throw entries.Error(Entry, "encoder: sizes beyond what a model can hold");
        return binding;
    }

    /// <summary>
    /// Each distinct text of <paramref name="conversations"/> computed once with <paramref name="compute"/> (or taken from a
    /// <see cref="MemoizingTransformer"/>'s memory), as one array per conversation with each utterance's data.
    /// </summary>
    /// <param name="feature">The feature's name (the memory's key).</param>
    /// <param name="conversations">The conversations.</param>
    /// <param name="context">The model's tokenizer, and progress.</param>
    /// <param name="transformer">The encoder.</param>
    /// <param name="maxPieces">Most word pieces per text.</param>
    /// <param name="compute">Computes the data of texts given as word pieces aligned with the model's tokens.</param>
    public static Array[] PerText(string feature, IReadOnlyList<Conversation> conversations, FeatureContext context,
        IPretrainedTransformer transformer, int maxPieces, Func<WordPieceText[], Action<int>, Half[][]> compute)
    {
        var memo = transformer as MemoizingTransformer;
        var data = new Dictionary<string, Half[]?>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var c in conversations)
            foreach (var u in c.Utterances)
                if (!data.ContainsKey(u.Text))
                {
                    data[u.Text] = memo is not null && memo.TryGet(feature, u.Text, out var known) ? known : null;
                    if (data[u.Text] is null) missing.Add(u.Text);
                }
        if (missing.Count > 0)
        {
            var pieces = new Dictionary<string, long[]>(StringComparer.Ordinal);
            long[] Pieces(string word)
            {
                if (!pieces.TryGetValue(word, out var ids)) pieces[word] = ids = transformer.WordPieces(word);
                return ids;
            }
            var texts = missing.Select(text => WordPieceText.Of(context.Encoder.Tokens(text), Pieces, transformer.ClsId, transformer.SepId, maxPieces)).ToArray();
            var computed = compute(texts, done => context.Progress?.Invoke(new FeatureProgress(feature, done, texts.Length)));
            for (int i = 0; i < missing.Count; i++)
            {
                data[missing[i]] = computed[i];
                memo?.Add(feature, missing[i], computed[i]);
            }
        }
        return conversations.Select(c => (Array)c.Utterances.Select(u => data[u.Text]!).ToArray()).ToArray();
    }
}
