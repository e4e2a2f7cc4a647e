using DialogueActs.Data;
using DialogueActs.Inference;

namespace DialogueActs.Hosting;

/// <summary>
/// Settings of a hosted dialogue-act tagger: the model file, the tagger's limits and the HTTP
/// request limits of <see cref="DialogueActsEndpointRouteBuilderExtensions.MapDialogueActs"/>.
/// Bound from the configuration section <see cref="SectionName"/> by default.
/// </summary>
public sealed class DialogueActsOptions
{
    /// <summary>The configuration section read by <see cref="DialogueActsServiceCollectionExtensions.AddDialogueActTagger(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{DialogueActsOptions}?)"/>.</summary>
    public const string SectionName = "DialogueActs";

    /// <summary>The model file (<c>model.zip</c>) written by <c>dialogue-acts train</c>. Required.</summary>
    public string ModelPath { get; set; } = "";

    /// <summary>Labels returned per utterance in <c>top</c>.</summary>
    public int TopK { get; set; } = TaggerOptions.DefaultTopK;

    /// <summary>
    /// Tagging calls allowed to run at once; further requests wait for a slot (they are not rejected). Defaults to
    /// <see cref="TaggerOptions.DefaultMaxConcurrency"/> (the number of cores); null for no limit.
    /// </summary>
    public int? MaxConcurrency { get; set; } = TaggerOptions.DefaultMaxConcurrency;

    /// <summary>
    /// The element type of the utterance LSTMs (<see cref="TaggerOptions.Precision"/>): Auto (the default) is bfloat16 where
    /// the CPU computes it natively, float32 elsewhere.
    /// </summary>
    public InferencePrecision Precision { get; set; } = InferencePrecision.Auto;

    /// <summary>Utterances per internal batch when several conversations are tagged together.</summary>
    public int MaxUtterancesPerBatch { get; set; } = TaggerOptions.DefaultMaxUtterancesPerBatch;

    /// <summary>
    /// Longest conversation accepted, in utterances (the tagger and the HTTP API both enforce it); defaults to
    /// <see cref="TaggerOptions.DefaultMaxUtterancesPerConversation"/>.
    /// </summary>
    public int MaxUtterancesPerConversation { get; set; } = TaggerOptions.DefaultMaxUtterancesPerConversation;

    /// <summary>
    /// Longest utterance text accepted by the HTTP API, in UTF-16 characters; defaults to
    /// <see cref="ConversationLimits.DefaultMaxCharactersPerUtterance"/>, the corpus reader's limit too.
    /// </summary>
    public int MaxCharactersPerUtterance { get; set; } = ConversationLimits.DefaultMaxCharactersPerUtterance;

    /// <summary>The default of <see cref="MaxConversationsPerBatch"/>: 100.</summary>
    public const int DefaultMaxConversationsPerBatch = 100;

    /// <summary>Most conversations accepted in one <c>POST /v1/tag/batch</c> request; defaults to <see cref="DefaultMaxConversationsPerBatch"/>.</summary>
    public int MaxConversationsPerBatch { get; set; } = DefaultMaxConversationsPerBatch;

    /// <summary>
    /// The default of <see cref="MaxRequestBodyBytes"/>: 4 MiB, which holds the longest MRDA meeting (3,391 utterances,
    /// about 0.3 MB as a request) many times over.
    /// </summary>
    public const long DefaultMaxRequestBodyBytes = 4 * 1024 * 1024;

    /// <summary>Largest request body accepted by the HTTP API, in bytes; defaults to <see cref="DefaultMaxRequestBodyBytes"/>.</summary>
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>The default of <see cref="MaxSessions"/>: 10,000.</summary>
    public const int DefaultMaxSessions = 10_000;

    /// <summary>
    /// Most streaming sessions open at once (<c>POST /v1/sessions</c>); one more is refused with 429 until a session ends,
    /// is deleted or expires. Defaults to <see cref="DefaultMaxSessions"/>.
    /// </summary>
    public int MaxSessions { get; set; } = DefaultMaxSessions;

    /// <summary>The default of <see cref="SessionIdleTimeout"/>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultSessionIdleTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a streaming session may go unused before it expires: it is then closed and its state freed, and its id
    /// answers 404. Must be more than zero; defaults to <see cref="DefaultSessionIdleTimeout"/>.
    /// </summary>
    public TimeSpan SessionIdleTimeout { get; set; } = DefaultSessionIdleTimeout;

    /// <summary>
    /// Most utterances one streaming session takes; one more is refused with 413. Defaults to
    /// <see cref="TaggerOptions.DefaultMaxUtterancesPerConversation"/>. A session is a conversation to the tagger too, so
    /// <see cref="MaxUtterancesPerConversation"/> bounds it as well: the lower of the two applies.
    /// </summary>
    public int MaxUtterancesPerSession { get; set; } = TaggerOptions.DefaultMaxUtterancesPerConversation;

    /// <summary>The default of <see cref="MaxSessionLag"/>: 16.</summary>
    public const int DefaultMaxSessionLag = 16;

    /// <summary>
    /// Largest <c>lag</c> a streaming session may ask for: how many earlier utterances each new one may revise. The CRF
    /// keeps a window of lag + 1 utterances and decodes it at every utterance, so the lag bounds the work per utterance.
    /// Defaults to <see cref="DefaultMaxSessionLag"/>.
    /// </summary>
    public int MaxSessionLag { get; set; } = DefaultMaxSessionLag;

    /// <summary>The library settings these options describe.</summary>
    public TaggerOptions ToTaggerOptions() => new()
    {
        TopK = TopK,
        MaxConcurrency = MaxConcurrency,
        MaxUtterancesPerBatch = MaxUtterancesPerBatch,
        MaxUtterancesPerConversation = MaxUtterancesPerConversation,
        Precision = Precision,
    };

    /// <summary>
    /// Most utterances a streaming session takes: <see cref="MaxUtterancesPerSession"/>, or the tagger's
    /// <see cref="MaxUtterancesPerConversation"/> when that is lower.
    /// </summary>
    internal int SessionUtteranceLimit => Math.Min(MaxUtterancesPerSession, MaxUtterancesPerConversation);

    /// <summary>The size limits of a conversation in a request, as the core's JSON reader takes them.</summary>
    internal ConversationLimits ToConversationLimits() => new()
    {
        MaxUtterancesPerConversation = MaxUtterancesPerConversation,
        MaxCharactersPerUtterance = MaxCharactersPerUtterance,
    };
}
