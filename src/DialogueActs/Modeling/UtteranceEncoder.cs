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

    /// <summary>Encodes utterances.</summary>
    /// <param name="tokens">Token ids padded with 0, <c>[utterances, maxTokens]</c>.</param>
    /// <param name="lengths">True token counts, <c>[utterances]</c>, int64 on the CPU, each ≥ 1.</param>
    /// <returns>Utterance vectors, <c>[utterances, 2*hidden]</c>.</returns>
    public override Tensor forward(Tensor tokens, Tensor lengths)
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
