using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Modeling.Transformers;

/// <summary>
/// sentence-transformers' pooling for all-MiniLM-L6-v2: the mean of the token vectors over the real tokens
/// (attention mask 1, [CLS] and [SEP] included; the count at least 1e-9), then, for the sentence vector,
/// divided by its L2 norm (at least 1e-12, as its <c>Normalize</c> module). Computed in float32 whatever the
/// states' type.
/// </summary>
public static class SentencePooling
{
    /// <summary>The mask-weighted mean <c>[batch, hidden]</c> of <paramref name="hidden"/> <c>[batch, tokens, hidden]</c>.</summary>
    /// <param name="hidden">Token vectors <c>[batch, tokens, hidden]</c>, e.g. one hidden state or the mean of several.</param>
    /// <param name="attentionMask"><c>[batch, tokens]</c>: 1 (or true) for a real token, 0 for padding.</param>
    public static Tensor Mean(Tensor hidden, Tensor attentionMask)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(attentionMask);
        using var scope = NewDisposeScope();
        Tensor weights = attentionMask.to(ScalarType.Float32).unsqueeze(-1);                               // [batch, tokens, 1]
        Tensor sum = (hidden.to(ScalarType.Float32) * weights).sum(1);                                     // [batch, hidden]
        Tensor count = weights.sum(1).clamp_min(KeptScalars.TinyCount);                                                      // [batch, 1]
        return (sum / count).MoveToOuterDisposeScope();
    }

    /// <summary>The sentence vector <c>[batch, hidden]</c>: <see cref="Mean"/> divided by its L2 norm.</summary>
    /// <param name="hidden">Token vectors <c>[batch, tokens, hidden]</c> (all-MiniLM-L6-v2: the last hidden state).</param>
    /// <param name="attentionMask"><c>[batch, tokens]</c>: 1 (or true) for a real token, 0 for padding.</param>
    public static Tensor MeanNormalized(Tensor hidden, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        return nn.functional.normalize(Mean(hidden, attentionMask), p: 2, dim: 1, eps: 1e-12).MoveToOuterDisposeScope();
    }
}
