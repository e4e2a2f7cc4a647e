using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Modeling.Transformers;

/// <summary>
/// Runs the frozen part of a pretrained transformer over many texts: once per text, shortest first, in batches of
/// about <see cref="PiecesPerBatch"/> padded pieces, without autograd, in the type of
/// <see cref="IPretrainedTransformer.FrozenEncoder"/>. Padding never changes a real piece's state, so a text's states
/// do not depend on its batch.
/// </summary>
internal static class FrozenStates
{
    /// <summary>Padded word pieces per batch.</summary>
    private const int PiecesPerBatch = 4096;

    /// <summary>
    /// The mean of hidden states <paramref name="states"/> of every text, handed to <paramref name="consume"/> batch by
    /// batch: the texts' indexes and their states <c>[n, longest, hidden]</c> float32 (rows past a text's length are padding).
    /// </summary>
    /// <param name="transformer">The encoder.</param>
    /// <param name="texts">Each text's word-piece ids, [CLS] and [SEP] included.</param>
    /// <param name="states">The hidden states to average (0: the embeddings' output).</param>
    /// <param name="consume">Receives each batch; its tensor is disposed after the call.</param>
    /// <param name="progress">Receives the number of texts done after each batch; null for none.</param>
    public static void Run(IPretrainedTransformer transformer, IReadOnlyList<long[]> texts, LayerRange states,
        Action<int[], Tensor> consume, Action<int>? progress = null)
    {
        var encoder = transformer.FrozenEncoder;
        if (states.From < 0 || states.To < states.From || states.To > encoder.Layers)
            throw new ArgumentOutOfRangeException(nameof(states), states, $"hidden states must be within 0..{encoder.Layers}");
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToArray();
        using var noGrad = torch.no_grad();
        int done = 0;
        while (done < order.Length)
        {
            int count = 1;
            while (done + count < order.Length && (count + 1) * texts[order[done + count]].Length <= PiecesPerBatch) count++;
            var rows = order.AsSpan(done, count).ToArray();
            using (var scope = torch.NewDisposeScope())
            {
                var (ids, mask) = TokenBatch.Pad(rows.Select(r => texts[r]).ToArray());                      // [n, P] each
                var hidden = encoder.Embed(ids);                                                             // [n, P, H]
                var sum = states.From == 0 ? hidden.to(ScalarType.Float32) : torch.zeros_like(hidden, dtype: ScalarType.Float32);
                if (states.To > 0)
                {
                    var outputs = encoder.RunLayers(hidden, mask, 0, states.To);                               // To × [n, P, H]
                    for (int s = Math.Max(1, states.From); s <= states.To; s++) sum = sum.add(outputs[s - 1].to(ScalarType.Float32), KeptScalars.One);
                }
                var mean = states.To == states.From ? sum : sum.div(torch.tensor((float)(states.To - states.From + 1)));             // [n, P, H]
                consume(rows, mean);
            }
            done += count;
            progress?.Invoke(done);
        }
    }
}
