using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// The output layer of the tagger: turns emission scores into a loss, a decoded label sequence
/// and per-utterance label probabilities. <see cref="LinearChainCrf"/> is the model's layer;
/// <see cref="IndependentSoftmax"/> is the no-CRF ablation.
/// </summary>
public abstract class SequenceOutputLayer : nn.Module
{
    /// <summary>Creates the layer.</summary>
    protected SequenceOutputLayer(string name, int labelCount) : base(name)
    {
        if (labelCount < 1) throw new ArgumentException($"labelCount must be at least 1 but got {labelCount}.", nameof(labelCount));
        LabelCount = labelCount;
    }

    /// <summary>Number of labels.</summary>
    public int LabelCount { get; }

    /// <summary>Negative log-likelihood of the gold tags, per sequence.</summary>
    /// <param name="emissions"><c>[batch, steps, labels]</c>.</param>
    /// <param name="tags">Gold label ids, any value on padding, <c>[batch, steps]</c>, int64.</param>
    /// <param name="mask">Padding mask, <c>[batch, steps]</c>, bool; the first step of every sequence must be on.</param>
    /// <param name="changes">
    /// Whether the speaker changed at each step (<see cref="Batch.SpeakerChanges"/>), <c>[batch, steps]</c>, bool, read by
    /// a CRF with speaker-change transitions only; null: no step changed.
    /// </param>
    /// <returns><c>[batch]</c>.</returns>
    public abstract Tensor NegativeLogLikelihood(Tensor emissions, Tensor tags, Tensor mask, Tensor? changes = null);

    /// <summary>The best label sequence of each sequence in the batch.</summary>
    /// <param name="emissions"><c>[batch, steps, labels]</c>.</param>
    /// <param name="mask">Padding mask, <c>[batch, steps]</c>, bool.</param>
    /// <param name="changes">Whether the speaker changed at each step, <c>[batch, steps]</c>, bool; null: none did.</param>
    public abstract SequenceDecoding Decode(Tensor emissions, Tensor mask, Tensor? changes = null);

    /// <summary>Posterior probability of each label at each step; zero on padding. <c>[batch, steps, labels]</c>.</summary>
    /// <param name="emissions"><c>[batch, steps, labels]</c>.</param>
    /// <param name="mask">Padding mask, <c>[batch, steps]</c>, bool.</param>
    /// <param name="changes">Whether the speaker changed at each step, <c>[batch, steps]</c>, bool; null: none did.</param>
    public abstract Tensor Marginals(Tensor emissions, Tensor mask, Tensor? changes = null);

    /// <summary>
    /// Filtering probabilities: at each step, the probability of each label given that step and the earlier ones only
    /// (the normalised forward variables of the CRF), what a causal model can say the moment an utterance arrives.
    /// Zero on padding. <c>[batch, steps, labels]</c>.
    /// </summary>
    /// <param name="emissions"><c>[batch, steps, labels]</c>.</param>
    /// <param name="mask">Padding mask, <c>[batch, steps]</c>, bool.</param>
    /// <param name="changes">Whether the speaker changed at each step, <c>[batch, steps]</c>, bool; null: none did.</param>
    public abstract Tensor FilteringMarginals(Tensor emissions, Tensor mask, Tensor? changes = null);

    /// <summary>
    /// The layer's label-sequence scores as managed arrays, for inference one step at a time
    /// (<see cref="FixedLagCrf"/>): the CRF's, or all zero for the independent softmax (whose decoding a CRF with zero
    /// scores reproduces exactly).
    /// </summary>
    internal abstract CrfScores ManagedScores();

    /// <summary>Throws <see cref="ArgumentException"/> unless the shapes agree and every sequence starts on.</summary>
    protected void CheckShapes(Tensor emissions, Tensor mask, Tensor? tags = null)
    {
        if (emissions.dim() != 3 || emissions.shape[2] != LabelCount)
            throw new ArgumentException($"emissions must have shape [batch, steps, {LabelCount}] but got {Shape(emissions)}.", nameof(emissions));
        long batch = emissions.shape[0], steps = emissions.shape[1];
        if (steps < 1) throw new ArgumentException($"emissions must have at least one step but got {Shape(emissions)}.", nameof(emissions));
        if (!mask.shape.SequenceEqual(new[] { batch, steps }))
            throw new ArgumentException($"mask must have shape [{batch}, {steps}] but got {Shape(mask)}.", nameof(mask));
        if (mask.dtype != ScalarType.Bool)
            throw new ArgumentException($"mask must have dtype Bool but got {mask.dtype}.", nameof(mask));
        if (tags is not null && !tags.shape.SequenceEqual(new[] { batch, steps }))
            throw new ArgumentException($"tags must have shape [{batch}, {steps}] but got {Shape(tags)}.", nameof(tags));
        using var firstOn = mask[TensorIndex.Colon, 0].all();                                          // []
        if (!firstOn.item<bool>())
            throw new ArgumentException("mask must be on at the first step of every sequence.", nameof(mask));
    }

    /// <summary>A shape as <c>[2, 3, 4]</c>.</summary>
    protected static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";
}
