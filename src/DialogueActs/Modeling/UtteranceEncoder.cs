using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// Embeds every utterance of every conversation in a batch and runs one bidirectional LSTM over all
/// of them at once (the Keras <c>TimeDistributed(Bidirectional(LSTM))</c> of Kumar et al. 2018).
/// The utterance vector joins the final forward state and the final backward state (<c>h_n</c>),
/// so padding tokens never reach it.
/// </summary>
/// <remarks>
/// By default utterances of equal token length run together, one unpacked LSTM call per distinct
/// length: no padding is computed and no packing machinery is needed, which on CPU is several times
/// faster than one <c>pack_padded_sequence</c> call (libtorch's packed backward is slow). The
/// <see cref="UtteranceBatching.Packed"/> path is kept for comparison; tests show both agree.
/// </remarks>
public sealed class UtteranceEncoder : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Embedding _embedding;
    private readonly Dropout _dropout;
    private readonly LSTM _lstm;

    /// <summary>Creates the encoder.</summary>
    /// <param name="vocabularySize">Vocabulary size; id 0 is padding.</param>
    /// <param name="embeddingDim">Word embedding dimension.</param>
    /// <param name="hidden">LSTM hidden size per direction.</param>
    /// <param name="dropout">Dropout on the word embeddings.</param>
    public UtteranceEncoder(int vocabularySize, int embeddingDim, int hidden, double dropout) : base(nameof(UtteranceEncoder))
    {
        _embedding = nn.Embedding(vocabularySize, embeddingDim, padding_idx: 0);
        _dropout = nn.Dropout(dropout);
        _lstm = nn.LSTM(embeddingDim, hidden, numLayers: 1, batchFirst: true, bidirectional: true);
        OutputSize = 2 * hidden;
        RegisterComponents();
    }

    /// <summary>Size of the utterance vector: twice the hidden size.</summary>
    public int OutputSize { get; }

    /// <summary>The word embedding weight <c>[vocabulary, embedding]</c>, for pretrained initialisation.</summary>
    public Parameter EmbeddingWeight => _embedding.weight!;

    /// <summary>How utterances are grouped for the LSTM kernel. Both give the same result.</summary>
    public UtteranceBatching Batching { get; set; } = UtteranceBatching.LengthBuckets;

    /// <summary>Encodes utterances.</summary>
    /// <param name="tokens">Token ids padded with 0, <c>[utterances, maxTokens]</c>.</param>
    /// <param name="lengths">True token counts, <c>[utterances]</c>, int64 on the CPU, each ≥ 1.</param>
    /// <returns>Utterance vectors, <c>[utterances, 2*hidden]</c>.</returns>
    public override Tensor forward(Tensor tokens, Tensor lengths)
    {
        if (Batching == UtteranceBatching.Packed) return ForwardPacked(tokens, lengths);
        using var scope = torch.NewDisposeScope();
        var lengthValues = lengths.data<long>().ToArray();
        var groups = new SortedDictionary<long, List<long>>();
        for (int i = 0; i < lengthValues.Length; i++)
        {
            if (!groups.TryGetValue(lengthValues[i], out var members)) groups[lengthValues[i]] = members = new List<long>();
            members.Add(i);
        }
        var order = new List<long>(lengthValues.Length);
        var parts = new List<Tensor>(groups.Count);
        foreach (var (length, members) in groups)
        {
            var index = torch.tensor(members.ToArray());                                                   // [n]
            var groupTokens = tokens.index_select(0, index)[TensorIndex.Colon, TensorIndex.Slice(0, length)]; // [n, length]
            var embedded = _dropout.call(_embedding.call(groupTokens));                                    // [n, length, E]
            var (output, hN, cN) = _lstm.call(embedded);                                                   // hN: [2, n, H]
            parts.Add(torch.cat(new[] { hN[0], hN[1] }, 1));                                               // [n, 2H]
            order.AddRange(members);
        }
        var stacked = torch.cat(parts, 0);                                                                 // [U, 2H] in group order
        var result = torch.zeros(lengthValues.Length, OutputSize, dtype: stacked.dtype)                    // [U, 2H]
            .index_copy(0, torch.tensor(order.ToArray()), stacked);
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>One packed Bi-LSTM call over all utterances (<c>pack_padded_sequence</c> by true length).</summary>
    private Tensor ForwardPacked(Tensor tokens, Tensor lengths)
    {
        using var embedded = _dropout.call(_embedding.call(tokens));                                  // [U, L, E]
        using var packed = nn.utils.rnn.pack_padded_sequence(embedded, lengths, batch_first: true, enforce_sorted: false);
        var (output, hN, cN) = _lstm.call(packed);                                                     // hN: [2, U, H]
        output.Dispose();
        cN.Dispose();
        using (hN)
        {
            return torch.cat(new[] { hN[0], hN[1] }, 1);                                               // [U, 2H]
        }
    }
}
