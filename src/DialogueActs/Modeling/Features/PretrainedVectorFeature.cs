using DialogueActs.Text;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// Frozen pretrained word vectors (<c>model.frozenVectors</c>) for every word of the pretrained file, not only the
/// training vocabulary, joined to each token's other word features. Words the training data never saw still get
/// their vector when tagging. The table (<see cref="FrozenVectorTable"/>) is filled from <c>tokenizer.glove</c> at
/// training time and saved in the model; its rows follow <see cref="TextEncoder.PretrainedVocabulary"/>. The batch
/// input is <c>[utterances, maxTokens]</c> int64 row ids (<see cref="EncodedConversation.PretrainedTokens"/>).
/// </summary>
public sealed class PretrainedVectorFeature : WordFeature
{
    /// <summary>The feature's name, and the key of its batch input.</summary>
    public const string FeatureName = "pretrained";

    /// <summary>Creates the feature.</summary>
    /// <param name="rows">Rows of the table: the pretrained vocabulary's size, reserved ids included.</param>
    /// <param name="dimension">Size of each vector.</param>
    public PretrainedVectorFeature(int rows, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, Vocabulary.ReservedCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Rows = rows;
        Size = dimension;
    }

    /// <summary>Rows of the table.</summary>
    public int Rows { get; }

    /// <inheritdoc />
    public override string Name => FeatureName;

    /// <inheritdoc />
    public override int Size { get; }

    /// <inheritdoc />
    public override string ModuleName => "_pretrained";

    /// <inheritdoc />
    public override EncodedParts Needs => EncodedParts.PretrainedIds;

    /// <summary>None: the table is frozen.</summary>
    public override long ParameterCount => 0;

    /// <summary>Bytes the table adds to a model file: one per value, four per row's scale.</summary>
    public long StoredBytes => (long)Rows * Size + 4L * Rows;

    /// <summary>The feature for <paramref name="options"/>, or null when <c>frozenVectors</c> is off or its table's size is not known yet.</summary>
    public static PretrainedVectorFeature? From(ModelOptions options) =>
        options.FrozenVectors && options.FrozenVectorWords > 0 && options.FrozenVectorDim > 0
            ? new PretrainedVectorFeature(options.FrozenVectorWords, options.FrozenVectorDim) : null;

    /// <summary>The size options of the feature, which training sets from the vectors file (0 when off).</summary>
    public static IEnumerable<ModelSize> Sizes(ModelOptions options) =>
        [new("frozenVectorWords", options.FrozenVectorWords, 0), new("frozenVectorDim", options.FrozenVectorDim, 0)];

    /// <inheritdoc />
    public override bool CanRead(EncodedConversation conversation) => conversation.PretrainedTokens is not null;

    /// <inheritdoc />
    public override Tensor BuildInput(IReadOnlyList<EncodedConversation> conversations, BatchLayout layout)
    {
        var ids = new long[(long)layout.UtteranceCount * layout.MaxTokens];
        long row = 0;
        foreach (var c in conversations)
        {
            if (c.PretrainedTokens is null)
                throw new ArgumentException($"This model uses frozen pretrained vectors, but conversation '{c.Id}' has no pretrained ids.", nameof(conversations));
            for (int t = 0; t < c.Length; t++, row++)
            {
                var u = c.PretrainedTokens[t];
                if (u.Length != c.Tokens[t].Length)
                    throw new ArgumentException($"Conversation '{c.Id}', utterance {t}: {u.Length} pretrained ids for {c.Tokens[t].Length} tokens.", nameof(conversations));
                for (int i = 0; i < u.Length; i++)
                {
                    if ((uint)u[i] >= (uint)Rows)
                        throw new ArgumentException($"Conversation '{c.Id}', utterance {t}: pretrained id {u[i]} is outside the table's {Rows} rows.", nameof(conversations));
                    ids[row * layout.MaxTokens + i] = u[i];
                }
            }
        }
        return tensor(ids, new long[] { layout.UtteranceCount, layout.MaxTokens });                       // [U, L]
    }

    /// <inheritdoc />
    public override nn.Module<Tensor, Tensor> CreateModule() => new FrozenVectorTable(Rows, Size);

    /// <summary>The table of a module this feature created.</summary>
    internal static FrozenVectorTable Table(nn.Module<Tensor, Tensor> module) => (FrozenVectorTable)module;

    /// <inheritdoc />
    public override ModelSummaryRow SummaryRow(string? parameterPrefix) => new(
        "pretrained (FrozenVectorTable)", $"(utterances, tokens, {Size})", 0, parameterPrefix,
        $"{Rows:N0} pretrained words × {Size} dims, frozen, 8-bit with a scale per row ({StoredBytes / 1e6:N1} MB)");
}
