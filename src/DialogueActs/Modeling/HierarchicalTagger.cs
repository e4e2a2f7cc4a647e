using TorchSharp;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// The hierarchical Bi-LSTM-CRF of Kumar et al. (2018): word embeddings, an utterance Bi-LSTM over
/// every utterance of the batch at once, a conversation Bi-LSTM over the utterance vectors, and a
/// linear-chain CRF over the labels. Masks at both levels keep padding out of every result.
/// </summary>
public sealed class HierarchicalTagger : nn.Module<Batch, Tensor>
{
    private readonly UtteranceEncoder _utteranceEncoder;
    private readonly TorchSharp.Modules.Dropout _utteranceDropout;
    private readonly ConversationEncoder _conversationEncoder;
    private readonly SequenceOutputLayer _outputLayer;

    /// <summary>Creates a tagger with freshly initialised weights (seed them with <c>torch.manual_seed</c>).</summary>
    /// <exception cref="ArgumentException">A size is out of range.</exception>
    public HierarchicalTagger(ModelOptions options) : base(nameof(HierarchicalTagger))
    {
        Validate(options);
        NativeMemory.Tune();
        Options = options;
        _utteranceEncoder = new UtteranceEncoder(options.VocabularySize, options.EmbeddingDim, options.UtteranceHidden, options.Dropout, options.MaxPooling,
            options.CharacterFilters, options.CharacterEmbeddingDim);
        _utteranceDropout = nn.Dropout(options.Dropout);
        int utteranceSize = _utteranceEncoder.OutputSize + options.SpeakerFeatureSize();
        _conversationEncoder = new ConversationEncoder(utteranceSize, options.ConversationHidden, options.LabelCount,
            options.Dropout, options.UseConversationLstm);
        _outputLayer = options.UseCrf ? new LinearChainCrf(options.LabelCount) : new IndependentSoftmax(options.LabelCount);
        RegisterComponents();
    }

    /// <summary>The sizes this tagger was built with.</summary>
    public ModelOptions Options { get; }

    /// <summary>The output layer (the CRF, or the softmax ablation).</summary>
    public SequenceOutputLayer OutputLayer => _outputLayer;

    /// <summary>The utterance encoder.</summary>
    public UtteranceEncoder UtteranceEncoder => _utteranceEncoder;

    /// <summary>Emission scores for every utterance of the batch.</summary>
    /// <returns><c>[conversations, maxUtterances, labels]</c>.</returns>
    public override Tensor forward(Batch batch)
    {
        using var scope = torch.NewDisposeScope();
        var vectors = _utteranceDropout.call(_utteranceEncoder.Encode(batch.Tokens, batch.TokenLengths, batch.Characters)); // [U, D]
        var padded = Scatter(vectors, batch);                                                          // [B, T, D]
        if (Options.SpeakerFeature)
        {
            if (batch.SpeakerChanges is null) throw new ArgumentException("This model uses the speaker feature, but the batch has no speakers.", nameof(batch));
            if (batch.SpeakerChanges.shape[2] != Options.SpeakerWindow)
                throw new ArgumentException($"This model uses a speaker window of {Options.SpeakerWindow}, but the batch has {batch.SpeakerChanges.shape[2]} speaker flags.", nameof(batch));
            padded = torch.cat(new[] { padded, batch.SpeakerChanges }, 2);                             // [B, T, D+S]
        }
        return _conversationEncoder.call(padded, batch.ConversationLengths).MoveToOuterDisposeScope(); // [B, T, K]
    }

    /// <summary>The training loss: summed negative log-likelihood divided by the number of utterances.</summary>
    /// <returns>A scalar.</returns>
    public Tensor Loss(Batch batch)
    {
        if (batch.Labels is null) throw new ArgumentException("The batch has no labels.", nameof(batch));
        using var scope = torch.NewDisposeScope();
        var emissions = call(batch);                                                                   // [B, T, K]
        var nll = _outputLayer.NegativeLogLikelihood(emissions, batch.Labels, batch.Mask);              // [B]
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
        var decoding = _outputLayer.Decode(emissions, batch.Mask);
        float[][][]? marginals = null;
        if (withMarginals)
        {
            var probabilities = _outputLayer.Marginals(emissions, batch.Mask).contiguous();            // [B, T, K]
            var flat = probabilities.data<float>().ToArray();
            int steps = batch.MaxUtterances, labels = Options.LabelCount;
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

    private static void Validate(ModelOptions o)
    {
        static void Positive(int value, string name)
        {
            if (value < 1) throw new ArgumentException($"{name} must be at least 1 but got {value}.");
        }
        Positive(o.VocabularySize, nameof(o.VocabularySize));
        Positive(o.LabelCount, nameof(o.LabelCount));
        Positive(o.EmbeddingDim, nameof(o.EmbeddingDim));
        Positive(o.UtteranceHidden, nameof(o.UtteranceHidden));
        Positive(o.ConversationHidden, nameof(o.ConversationHidden));
        Positive(o.SpeakerWindow, nameof(o.SpeakerWindow));
        Positive(o.CharacterEmbeddingDim, nameof(o.CharacterEmbeddingDim));
        if (o.CharacterFilters < 0) throw new ArgumentException($"CharacterFilters must be at least 0 but got {o.CharacterFilters}.");
        if (o.Dropout is < 0 or >= 1) throw new ArgumentException($"Dropout must be in [0, 1) but got {o.Dropout}.");
    }
}
