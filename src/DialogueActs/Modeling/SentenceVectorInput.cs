using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// The module of <see cref="SentenceVectorFeature"/>: scales unit-length sentence vectors by √size, so each
/// value has about the magnitude of the LSTM outputs it is joined to, then applies dropout. No weights.
/// </summary>
public sealed class SentenceVectorInput : nn.Module<Tensor, Tensor>
{
    private readonly ParallelDropout _dropout;
    private readonly double _scale;

    /// <summary>Creates the module.</summary>
    /// <param name="size">Size of each vector.</param>
    /// <param name="dropout">Dropout probability in training.</param>
    public SentenceVectorInput(int size, double dropout) : base(nameof(SentenceVectorInput))
    {
        _scale = Math.Sqrt(size);
        _dropout = new ParallelDropout(dropout);
        RegisterComponents();
    }

    /// <summary>Scales and drops out <c>[conversations, maxUtterances, size]</c> vectors.</summary>
    public override Tensor forward(Tensor vectors) => _dropout.call(vectors * _scale);                  // [B, T, S]
}
