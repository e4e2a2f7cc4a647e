using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// The hierarchical Bi-LSTM-CRF of Kumar et al. (2018): word features (the word embedding, optionally
/// character features), an utterance Bi-LSTM over every utterance of the batch at once, utterance
/// features (optionally speaker flags) joined to the utterance vectors, a conversation Bi-LSTM, and a
/// linear-chain CRF over the labels. Masks at both levels keep padding out of every result.
/// <see cref="Features"/> lists the features; <see cref="FeatureSet.From"/> maps the options to them.
/// </summary>
public sealed class HierarchicalTagger : nn.Module<Batch, Tensor>
{
    private readonly UtteranceEncoder _utteranceEncoder;
    private readonly ParallelDropout _utteranceDropout;
    private readonly ConversationEncoder _conversationEncoder;
    private readonly SequenceOutputLayer _outputLayer;
    private readonly nn.Module?[] _utteranceFeatureModules;

    /// <summary>Creates a tagger with freshly initialised weights (seed them with <c>torch.manual_seed</c>).</summary>
    /// <param name="options">The config's model options.</param>
    /// <param name="dimensions">The vocabulary and label counts.</param>
    /// <param name="features">
    /// The features, bound to what they learned from their resources or read from an archive; null for
    /// <see cref="FeatureSet.From"/>(<paramref name="options"/>, <paramref name="dimensions"/>), which must then need no binding.
    /// </param>
    /// <exception cref="ArgumentException">A size is out of range, or a feature is not bound (<see cref="ModelFeature.IsBound"/>).</exception>
    public HierarchicalTagger(ModelOptions options, ModelDimensions dimensions, FeatureSet? features = null) : base(nameof(HierarchicalTagger))
    {
        Validate(options, dimensions);
        Options = options;
        Dimensions = dimensions;
        Features = features ?? FeatureSet.From(options, dimensions);
        if (Features.All.FirstOrDefault(f => !f.IsBound) is { } unbound)
            throw new ArgumentException($"The {unbound.Name} feature does not know its sizes yet: bind it to its resources first (FeatureSet.Bind).", nameof(features));
        _utteranceEncoder = new UtteranceEncoder(Features.WordFeatures, options.UtteranceHidden, options.Dropout, options.MaxPooling);
        _utteranceDropout = new ParallelDropout(options.Dropout);
        _utteranceFeatureModules = Features.UtteranceFeatures.Select(f => f.CreateModule()).ToArray();
        int utteranceSize = _utteranceEncoder.OutputSize + Features.UtteranceFeatureSize;
        _conversationEncoder = new ConversationEncoder(utteranceSize, options.ConversationHidden, dimensions.LabelCount,
            options.Dropout, options.UseConversationLstm, bidirectional: options.ConversationDirection == ConversationDirection.Bidirectional);
        _outputLayer = options.UseCrf ? new LinearChainCrf(dimensions.LabelCount, options.SpeakerTransitions) : new IndependentSoftmax(dimensions.LabelCount);
        RegisterComponents();
        for (int i = 0; i < _utteranceFeatureModules.Length; i++)
            if (_utteranceFeatureModules[i] is { } module) register_module(Features.UtteranceFeatures[i].ModuleName!, module);
    }

    /// <summary>The features this tagger reads; prepare and build its batches with them (<see cref="FeatureSet.Prepare"/>, <see cref="BatchBuilder.Build(IReadOnlyList{Text.EncodedConversation}, FeatureSet)"/>).</summary>
    public FeatureSet Features { get; }

    /// <summary>The options this tagger was built with.</summary>
    public ModelOptions Options { get; }

    /// <summary>The vocabulary and label counts this tagger was built with.</summary>
    public ModelDimensions Dimensions { get; }

    /// <summary>The output layer (the CRF, or the softmax ablation).</summary>
    public SequenceOutputLayer OutputLayer => _outputLayer;

    /// <summary>The utterance encoder.</summary>
    public UtteranceEncoder UtteranceEncoder => _utteranceEncoder;

    /// <summary>Emission scores for every utterance of the batch.</summary>
    /// <returns><c>[conversations, maxUtterances, labels]</c>.</returns>
    public override Tensor forward(Batch batch)
    {
        using var scope = torch.NewDisposeScope();
        var inputs = ConversationInputs(batch);                                                        // [B, T, D+ΣS]
        return _conversationEncoder.call(inputs, batch.ConversationLengths).MoveToOuterDisposeScope(); // [B, T, K]
    }

    /// <summary>
    /// One step of a causal model (<see cref="ModelOptions.IsCausal"/>): the emissions of the one utterance of
    /// <paramref name="step"/>, a batch of one conversation of one utterance whose utterance features see the
    /// utterances before it (<see cref="BatchBuilder.BuildLast"/>), given the conversation LSTM's state after them.
    /// Equals the row of <see cref="forward"/> at that position (up to rounding). Runs without autograd.
    /// </summary>
    /// <param name="step">The utterance's batch.</param>
    /// <param name="state">The conversation LSTM's state after the earlier utterances, or null at the first.</param>
    /// <returns>The emission scores, <c>[labels]</c>, and the new state (null without a conversation LSTM), in the caller's dispose scope.</returns>
    /// <exception cref="InvalidOperationException">The model is bidirectional.</exception>
    internal (float[] Emissions, (Tensor Hidden, Tensor Cell)? State) Step(Batch step, (Tensor Hidden, Tensor Cell)? state)
    {
        if (step.ConversationCount != 1 || step.UtteranceCount != 1)
            throw new ArgumentException($"A step batch holds one utterance of one conversation, but this one has {step.UtteranceCount} of {step.ConversationCount}.", nameof(step));
        using var noGrad = torch.no_grad();
        var inputs = ConversationInputs(step);                                                         // [1, 1, D+ΣS]
        var (emissions, next) = _conversationEncoder.Step(inputs, state);                              // [1, 1, K]
        return (emissions.to_type(ScalarType.Float32).contiguous().data<float>().ToArray(), next);
    }

    /// <summary>The conversation encoder's input: each utterance vector joined to its utterance features. <c>[B, T, D+ΣS]</c>.</summary>
    private Tensor ConversationInputs(Batch batch)
    {
        var vectors = _utteranceDropout.call(_utteranceEncoder.Encode(batch));                         // [U, D]
        var padded = Scatter(vectors, batch);                                                          // [B, T, D]
        if (_utteranceFeatureModules.Length == 0) return padded;
        var joined = new Tensor[_utteranceFeatureModules.Length + 1];
        joined[0] = padded;
        for (int i = 0; i < _utteranceFeatureModules.Length; i++)
        {
            joined[i + 1] = Features.UtteranceFeatures[i].Apply(_utteranceFeatureModules[i], batch);       // [B, T, S_i]
        }
        return torch.cat(joined, 2);                                                                   // [B, T, D+ΣS]
    }

    /// <summary>The training loss: summed negative log-likelihood divided by the number of utterances.</summary>
    /// <returns>A scalar.</returns>
    public Tensor Loss(Batch batch)
    {
        if (batch.Labels is null) throw new ArgumentException("The batch has no labels.", nameof(batch));
        using var scope = torch.NewDisposeScope();
        var emissions = call(batch);                                                                   // [B, T, K]
        var nll = _outputLayer.NegativeLogLikelihood(emissions, batch.Labels, batch.Mask, batch.SpeakerChanges); // [B]
        return (nll.sum() / batch.UtteranceCount).MoveToOuterDisposeScope();                           // []
    }

    /// <summary>
    /// Tags a batch: the Viterbi path of each conversation and, when asked, the posterior probability
    /// of every label at every utterance, copied to managed arrays. Runs without autograd.
    /// </summary>
    public TaggedBatch Tag(Batch batch, bool withMarginals)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var emissions = call(batch);                                                                   // [B, T, K]
        var decoding = _outputLayer.Decode(emissions, batch.Mask, batch.SpeakerChanges);
        float[][][]? marginals = null;
        if (withMarginals)
        {
            var probabilities = _outputLayer.Marginals(emissions, batch.Mask, batch.SpeakerChanges).contiguous(); // [B, T, K]
            var flat = probabilities.data<float>().ToArray();
            int steps = batch.MaxUtterances, labels = Dimensions.LabelCount;
            marginals = new float[batch.ConversationCount][][];
            for (int b = 0; b < marginals.Length; b++)
            {
                int length = batch.ConversationLengthsArray[b];
                marginals[b] = new float[length][];
                for (int t = 0; t < length; t++)
                    marginals[b][t] = flat.AsSpan((b * steps + t) * labels, labels).ToArray();
            }
        }
        return new TaggedBatch(decoding.Paths, decoding.Scores, marginals);
    }

    /// <summary>Places the flat utterance vectors into a zero-padded <c>[conversations, maxUtterances, size]</c> tensor.</summary>
    private static Tensor Scatter(Tensor vectors, Batch batch)
    {
        int conversations = batch.ConversationCount, steps = batch.MaxUtterances;
        var positions = new long[batch.UtteranceCount];
        int row = 0;
        for (int b = 0; b < conversations; b++)
            for (int t = 0; t < batch.ConversationLengthsArray[b]; t++)
                positions[row++] = (long)b * steps + t;
        var index = torch.tensor(positions);                                                           // [U]
        var padded = torch.zeros(conversations * steps, vectors.shape[1], dtype: vectors.dtype);        // [B*T, D]
        return padded.index_copy(0, index, vectors).view(conversations, steps, vectors.shape[1]);       // [B, T, D]
    }

    private static void Validate(ModelOptions o, ModelDimensions d)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(d);
        static void Positive(int value, string name)
        {
            if (value < 1) throw new ArgumentException($"{name} must be at least 1 but got {value}.");
        }
        Positive(d.VocabularySize, nameof(d.VocabularySize));
        Positive(d.LabelCount, nameof(d.LabelCount));
        foreach (var size in o.Sizes())
            if (size.Value < size.Minimum) throw new ArgumentException($"{size.Key} must be at least {size.Minimum} but got {size.Value}.");
        if (o.Dropout is < 0 or >= 1) throw new ArgumentException($"Dropout must be in [0, 1) but got {o.Dropout}.");
        if (!Enum.IsDefined(o.ConversationDirection))
            throw new ArgumentException($"ConversationDirection must be Bidirectional or Forward but got {(int)o.ConversationDirection}.");
        if (o.ConversationDirection == ConversationDirection.Forward && !o.UseConversationLstm)
            throw new ArgumentException("ConversationDirection Forward needs the conversation LSTM (UseConversationLstm).");
        if (o.SpeakerTransitions && !o.UseCrf)
            throw new ArgumentException("SpeakerTransitions needs the CRF (UseCrf).");
    }
}
