using DialogueActs.Data;
using DialogueActs.Text;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// Character-level word features (<c>model.characterFilters</c>, <c>model.characterEmbeddingDim</c>): the
/// <see cref="CharacterCnn"/> over each token's first <see cref="CharacterIds.PerToken"/>
/// <see cref="CharacterIds"/>. It prepares, per utterance, the character ids of the tokens that get ids (a
/// <c>byte[]</c> of <c>tokens × CharacterIds.PerToken</c>; all 0 for an utterance without tokens). Its batch input is
/// <c>[utterances, maxTokens, CharacterIds.PerToken]</c>, int64.
/// </summary>
public sealed class CharacterFeature : WordFeature
{
    /// <summary>The feature's name, and the key of its batch input.</summary>
    public const string FeatureName = "characters";

    /// <summary>Creates the feature.</summary>
    /// <param name="filters">Convolution filters: the size of each token's vector.</param>
    /// <param name="embeddingDim">Character embedding size.</param>
    public CharacterFeature(int filters, int embeddingDim)
    {
        Size = filters;
        EmbeddingDim = embeddingDim;
    }

    /// <summary>Character embedding size.</summary>
    public int EmbeddingDim { get; }

    /// <inheritdoc />
    public override string Name => FeatureName;

    /// <inheritdoc />
    public override int Size { get; }

    /// <inheritdoc />
    public override string ModuleName => "_characters";

    /// <inheritdoc />
    public override bool HasPayload => true;

    /// <inheritdoc />
    public override long ParameterCount => CharacterIds.Count * EmbeddingDim + (long)Size * EmbeddingDim * 3 + Size;

    /// <summary>The feature for <paramref name="options"/>, or null when <c>characterFilters</c> is 0.</summary>
    public static CharacterFeature? From(ModelOptions options, ModelDimensions dimensions) =>
        options.CharacterFilters > 0 ? new CharacterFeature(options.CharacterFilters, options.CharacterEmbeddingDim) : null;

    /// <summary>The size options of the feature, checked whether it is on or off.</summary>
    public static IEnumerable<ModelSize> Sizes(ModelOptions options) =>
        [new("characterFilters", options.CharacterFilters, 0), new("characterEmbeddingDim", options.CharacterEmbeddingDim, 1)];

    /// <inheritdoc />
    public override Array[] Prepare(IReadOnlyList<Conversation> conversations, FeatureContext context)
    {
        var encoder = context.Encoder;
        return conversations.Select(c => (Array)c.Utterances.Select(u => Encode(encoder.Tokens(u.Text))).ToArray()).ToArray();
    }

    /// <summary>The character ids of <paramref name="tokens"/>, <see cref="CharacterIds.PerToken"/> each; one token's worth of zeros for none (the empty-utterance id).</summary>
    internal static byte[] Encode(IReadOnlyList<string> tokens) =>
        tokens.Count == 0 ? new byte[CharacterIds.PerToken] : CharacterIds.Encode(tokens, tokens.Count);

    /// <inheritdoc />
    public override Tensor BuildInput(IReadOnlyList<EncodedConversation> conversations, BatchLayout layout)
    {
        const int perToken = CharacterIds.PerToken;
        var characters = new long[(long)layout.UtteranceCount * layout.MaxTokens * perToken];
        long row = 0;
        foreach (var c in conversations)
        {
            var perUtterance = c.Payloads.ContainsKey(Name) ? c.Payload<byte[]>(Name)
                : throw new ArgumentException($"This model uses character features, but conversation '{c.Id}' has no character ids.", nameof(conversations));
            for (int t = 0; t < c.Length; t++, row++)
            {
                var ids = perUtterance[t];
                int tokens = c.Tokens[t].Length;
                if (ids.Length != tokens * perToken)
                    throw new ArgumentException($"Conversation '{c.Id}', utterance {t}: {ids.Length} character ids for {tokens} tokens; expected {tokens * perToken}.", nameof(conversations));
                for (int i = 0; i < ids.Length; i++) characters[row * layout.MaxTokens * perToken + i] = ids[i];
            }
        }
        return tensor(characters, new long[] { layout.UtteranceCount, layout.MaxTokens, perToken });      // [U, L, C]
    }

    /// <inheritdoc />
    public override nn.Module<Tensor, Tensor> CreateModule() => new CharacterCnn(EmbeddingDim, Size);

    /// <inheritdoc />
    public override ModelSummaryRow SummaryRow(string? parameterPrefix) => new(
        $"characters (CharacterCnn, {Size} filters)", $"(utterances, tokens, {Size})", ParameterCount, parameterPrefix,
        $"{CharacterIds.Count} character ids × {EmbeddingDim} dims + width-3 convolution {Size}·{EmbeddingDim}·3 + {Size} biases; max over {CharacterIds.PerToken} characters, joined to the word embedding");
}
