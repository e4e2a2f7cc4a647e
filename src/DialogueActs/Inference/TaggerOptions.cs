using DialogueActs.Data;

namespace DialogueActs.Inference;

/// <summary>Limits and settings for a <see cref="DialogueActTagger"/>.</summary>
public sealed record TaggerOptions
{
    /// <summary>
    /// The default of <see cref="MaxUtterancesPerConversation"/>, also the default of the HTTP host's setting
    /// of the same name: <see cref="ConversationLimits.DefaultMaxUtterancesPerConversation"/>, the corpus reader's
    /// limit, so every conversation a corpus reader accepts can be tagged. It admits whole meetings (the
    /// longest in MRDA has 3,391 utterances).
    /// </summary>
    public const int DefaultMaxUtterancesPerConversation = ConversationLimits.DefaultMaxUtterancesPerConversation;

    /// <summary>
    /// The default of <see cref="MaxConcurrency"/>, also the default of the HTTP host's setting and of
    /// <c>serve --max-concurrency</c>: the number of cores. Tagging is CPU-bound, so more calls at once only
    /// add memory (each long meeting tagged holds its own activations); further calls wait for a slot.
    /// </summary>
    public static int DefaultMaxConcurrency => Environment.ProcessorCount;

    /// <summary>The default of <see cref="TopK"/>, also of the HTTP host's setting and of <c>predict --top-k</c>.</summary>
    public const int DefaultTopK = 3;

    /// <summary>The default of <see cref="MaxUtterancesPerBatch"/>.</summary>
    public const int DefaultMaxUtterancesPerBatch = 16384;

    /// <summary>Labels returned per utterance in <see cref="UtteranceTag.Top"/>.</summary>
    public int TopK { get; init; } = DefaultTopK;

    /// <summary>
    /// Longest conversation accepted, in utterances. Longer ones are rejected with a clear error so
    /// tagging memory stays bounded (the CRF and conversation LSTM see the whole conversation, so
    /// windows would change the result).
    /// </summary>
    public int MaxUtterancesPerConversation { get; init; } = DefaultMaxUtterancesPerConversation;

    /// <summary>Utterances per internal batch in <see cref="IDialogueActTagger.TagMany"/>.</summary>
    public int MaxUtterancesPerBatch { get; init; } = DefaultMaxUtterancesPerBatch;

    /// <summary>
    /// Calls allowed to run at once (default <see cref="DefaultMaxConcurrency"/>, the number of cores); later
    /// calls wait until one finishes. Null for no limit.
    /// </summary>
    public int? MaxConcurrency { get; init; } = DefaultMaxConcurrency;

    /// <summary>
    /// The element type of the utterance LSTMs (default <see cref="InferencePrecision.Auto"/>: bfloat16 where the CPU
    /// computes it natively, float32 elsewhere). bfloat16 needs a tagger that owns its model (<see cref="DialogueActTagger.Load"/>,
    /// <see cref="DialogueActTagger.Create"/>), since it converts the weights; over a caller's model Auto means float32.
    /// </summary>
    public InferencePrecision Precision { get; init; } = InferencePrecision.Auto;

    /// <summary>
    /// Resources the model's features need (<see cref="Modeling.ModelFeature.Resources"/>), made by the caller: for example
    /// <c>MiniLmSentenceEncoder</c> from the <c>DialogueActs.Onnx</c> package for a model trained with
    /// <c>model.sentenceEncoder</c>. Each must be the one the model was trained with. The tagger does not dispose them.
    /// Empty (the default) for models whose features need none.
    /// </summary>
    public IReadOnlyList<object> Resources { get; init; } = [];

    /// <summary>
    /// Providers that create the resources not given in <see cref="Resources"/> (for example <c>MiniLmResourceProvider</c>
    /// from the <c>DialogueActs.Onnx</c> package); the tagger disposes what they create.
    /// </summary>
    public IReadOnlyList<Modeling.IFeatureResourceProvider> ResourceProviders { get; init; } = [];
}
