using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Modeling.Transformers;

/// <summary>Word-piece ids of several texts as one padded batch: the encoder's two inputs.</summary>
public static class TokenBatch
{
    /// <summary>
    /// The ids <c>[texts, longest]</c> (int64, padding id 0 after each text) and the attention mask
    /// <c>[texts, longest]</c> (int64, 1 for a real token) of <paramref name="pieces"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No texts, or a text with no pieces.</exception>
    public static (Tensor Ids, Tensor Mask) Pad(IReadOnlyList<long[]> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        if (pieces.Count == 0) throw new ArgumentException("No texts to batch.", nameof(pieces));
        int longest = pieces.Max(p => p?.Length ?? 0);
        if (pieces.Any(p => p is null || p.Length == 0)) throw new ArgumentException("A text has no word pieces (not even [CLS] and [SEP]).", nameof(pieces));
        var ids = new long[pieces.Count * longest];
        var mask = new long[pieces.Count * longest];
        for (int i = 0; i < pieces.Count; i++)
        {
            pieces[i].CopyTo(ids, i * longest);
            mask.AsSpan(i * longest, pieces[i].Length).Fill(1);
        }
        long[] shape = [pieces.Count, longest];
        return (tensor(ids, shape), tensor(mask, shape));
    }
}
