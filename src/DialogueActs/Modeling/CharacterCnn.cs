using DialogueActs.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// Character-level word features (Ma and Hovy 2016): each token's <see cref="CharacterIds"/> are
/// embedded, a width-3 convolution runs over them, and the maximum over character positions gives
/// one vector per token. It describes rare and unknown words by their spelling (for example the
/// trailing <c>-</c> of a cut-off word) where the word embedding only has the unknown id.
/// </summary>
/// <remarks>
/// Every token has exactly <see cref="CharacterIds.PerToken"/> positions, so a token's vector never
/// depends on the other tokens of the batch.
/// </remarks>
public sealed class CharacterCnn : nn.Module<Tensor, Tensor>
{
    private const int Width = 3;

    private readonly Embedding _embedding;
    private readonly Conv1d _convolution;

    /// <summary>Creates the module.</summary>
    /// <param name="embeddingDim">Character embedding size.</param>
    /// <param name="filters">Convolution filters: the size of each token's vector.</param>
    public CharacterCnn(int embeddingDim, int filters) : base(nameof(CharacterCnn))
    {
        _embedding = nn.Embedding(CharacterIds.Count, embeddingDim, padding_idx: 0);
        _convolution = nn.Conv1d(embeddingDim, filters, Width, padding: Width / 2);
        RegisterComponents();
    }

    /// <summary>Computes one vector per token.</summary>
    /// <param name="characters">Character ids, <c>[tokens, CharacterIds.PerToken]</c>, int64.</param>
    /// <returns><c>[tokens, filters]</c>.</returns>
    public override Tensor forward(Tensor characters)
    {
        using var scope = torch.NewDisposeScope();
        var embedded = _embedding.call(characters).transpose(1, 2);                                        // [n, d, C]
        var features = torch.tanh(_convolution.call(embedded));                                            // [n, F, C]
        return features.amax(new long[] { 2 }).MoveToOuterDisposeScope();                                 // [n, F]
    }
}
