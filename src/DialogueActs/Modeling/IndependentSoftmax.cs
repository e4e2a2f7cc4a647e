using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// The no-CRF ablation: each utterance's label is predicted independently with a softmax over its
/// emission scores. It has no parameters.
/// </summary>
public sealed class IndependentSoftmax : SequenceOutputLayer
{
    /// <summary>Creates the layer.</summary>
    public IndependentSoftmax(int labelCount) : base(nameof(IndependentSoftmax), labelCount) { }

    /// <inheritdoc />
    public override Tensor NegativeLogLikelihood(Tensor emissions, Tensor tags, Tensor mask, Tensor? changes = null)
    {
        CheckShapes(emissions, mask, tags);
        using var scope = torch.NewDisposeScope();
        var logProbabilities = emissions.log_softmax(2);                                               // [B, T, K]
        var safeTags = tags.masked_fill(mask.logical_not(), 0);                                        // [B, T], padding → label 0
        var gold = logProbabilities.gather(2, safeTags.unsqueeze(2)).squeeze(2);                           // [B, T]
        return (-(gold * mask.to_type(gold.dtype)).sum(1)).MoveToOuterDisposeScope();                  // [B]
    }

    /// <inheritdoc />
    public override SequenceDecoding Decode(Tensor emissions, Tensor mask, Tensor? changes = null)
    {
        CheckShapes(emissions, mask);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var (best, labels) = emissions.log_softmax(2).max(2);                                          // [B, T] each
        var scores = (best * mask.to_type(best.dtype)).sum(1).data<float>().ToArray();
        var lengths = mask.to_type(ScalarType.Int64).sum(1).data<long>().ToArray();
        var flat = labels.contiguous().data<long>().ToArray();
        long steps = emissions.shape[1];
        var paths = new int[lengths.Length][];
        for (int b = 0; b < paths.Length; b++)
        {
            paths[b] = new int[lengths[b]];
            for (int t = 0; t < lengths[b]; t++) paths[b][t] = (int)flat[b * steps + t];
        }
        return new SequenceDecoding(paths, scores);
    }

    /// <inheritdoc />
    public override Tensor Marginals(Tensor emissions, Tensor mask, Tensor? changes = null)
    {
        CheckShapes(emissions, mask);
        using var scope = torch.NewDisposeScope();
        var probabilities = emissions.softmax(2);                                                      // [B, T, K]
        return (probabilities * mask.unsqueeze(2).to_type(probabilities.dtype)).MoveToOuterDisposeScope(); // [B, T, K]
    }

    /// <inheritdoc />
    /// <remarks>Without label transitions, an utterance's probabilities read its own emissions only: the <see cref="Marginals"/>.</remarks>
    public override Tensor FilteringMarginals(Tensor emissions, Tensor mask, Tensor? changes = null) => Marginals(emissions, mask);

    /// <inheritdoc />
    internal override CrfScores ManagedScores() => CrfScores.Zero(LabelCount);
}
