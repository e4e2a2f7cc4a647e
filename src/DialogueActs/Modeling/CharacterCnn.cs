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
/// <para>
/// The convolution keeps <c>Conv1d</c>'s parameters (weight <c>[F, d, 3]</c>, bias <c>[F]</c>, so model
/// files are unchanged) but runs as one matrix product over each position's three-character window.
/// libtorch's oneDNN convolution backward on AVX-512 CPUs reads uninitialised memory for these small
/// channel counts: a bare <c>conv1d</c> ([n, 4, 16] input, 6 filters) gave NaN gradients in 3 of 200
/// repeats once the allocator held NaNs, and training with character features met NaN losses and
/// differing gradients at random in the full test suite.
/// </para>
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
        var embedded = _embedding.call(characters);                                                        // [n, C, d]
        long positions = embedded.shape[1], dim = embedded.shape[2];
        var padded = nn.functional.pad(embedded, new long[] { 0, 0, Width / 2, Width / 2 });               // [n, C+2, d]
        var windows = torch.cat(Enumerable.Range(0, Width).Select(k => padded.narrow(1, k, positions)).ToArray(), 2); // [n, C, 3d], offset-major
        var weight = _convolution.weight!.permute(0, 2, 1).reshape(-1, Width * dim);                       // [F, 3d], offset-major like the windows
        var features = torch.tanh(nn.functional.linear(windows, weight, _convolution.bias));               // [n, C, F]
        return features.amax(new long[] { 1 }).MoveToOuterDisposeScope();                                 // [n, F]
    }
}
