using System.ComponentModel;
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
    [Description("Model file (model.zip) written by 'dialogue-acts train'; required.")]
    public string ModelPath { get; set; } = "";

    // The tagger's settings live in one TaggerOptions, whose defaults are the only ones: each property below reads and
    // writes its field there, and ToTaggerOptions hands it over as it is.
    private TaggerOptions _tagger = new();

    /// <inheritdoc cref="TaggerOptions.TopK"/>
    [Description("Labels returned per utterance in 'top'.")]
    public int TopK { get => _tagger.TopK; set => _tagger = _tagger with { TopK = value }; }

    /// <summary>
    /// Tagging calls allowed to run at once; further requests wait for a slot (they are not rejected). Defaults to
    /// <see cref="TaggerOptions.DefaultMaxConcurrency"/> (the number of cores); null (an empty value in configuration) for no limit.
    /// </summary>
    [Description("Tagging calls allowed to run at once; further requests wait for a slot. The default is the number of cores; empty for no limit.")]
    public int? MaxConcurrency { get => _tagger.MaxConcurrency; set => _tagger = _tagger with { MaxConcurrency = value }; }

    /// <inheritdoc cref="TaggerOptions.Precision"/>
    [Description("Element type of the utterance LSTMs: Auto (bfloat16 where the CPU computes it natively, float32 elsewhere), Float32 or BFloat16.")]
    public InferencePrecision Precision { get => _tagger.Precision; set => _tagger = _tagger with { Precision = value }; }

    /// <inheritdoc cref="TaggerOptions.MaxUtterancesPerBatch"/>
    [Description("Utterances per internal batch when several conversations are tagged together.")]
    public int MaxUtterancesPerBatch { get => _tagger.MaxUtterancesPerBatch; set => _tagger = _tagger with { MaxUtterancesPerBatch = value }; }

    /// <summary>
    /// Longest conversation accepted, in utterances (the tagger and the HTTP API both enforce it); defaults to
    /// <see cref="TaggerOptions.DefaultMaxUtterancesPerConversation"/>.
    /// </summary>
    [Description("Most utterances per conversation (the tagger and the HTTP API both enforce it).")]
    public int MaxUtterancesPerConversation
    {
        get => _tagger.MaxUtterancesPerConversation;
        set => _tagger = _tagger with { MaxUtterancesPerConversation = value };
    }

    /// <summary>The library settings these options describe: the tagger's settings above, in the one place they are kept.</summary>
    public TaggerOptions ToTaggerOptions() => _tagger;

    /// <summary>
    /// Longest utterance text accepted by the HTTP API, in UTF-16 characters; defaults to
    /// <see cref="ConversationLimits.DefaultMaxCharactersPerUtterance"/>, the corpus reader's limit too.
    /// </summary>
    [Description("Most characters per utterance accepted by the HTTP API.")]
    public int MaxCharactersPerUtterance { get; set; } = ConversationLimits.DefaultMaxCharactersPerUtterance;

    /// <summary>The default of <see cref="MaxConversationsPerBatch"/>: 100.</summary>
    public const int DefaultMaxConversationsPerBatch = 100;

    /// <summary>Most conversations accepted in one <c>POST /v1/tag/batch</c> request; defaults to <see cref="DefaultMaxConversationsPerBatch"/>.</summary>
    [Description("Most conversations per POST /v1/tag/batch request.")]
    public int MaxConversationsPerBatch { get; set; } = DefaultMaxConversationsPerBatch;

    /// <summary>
    /// The default of <see cref="MaxRequestBodyBytes"/>: 4 MiB, which holds the longest MRDA meeting (3,391 utterances,
    /// about 0.3 MB as a request) many times over.
    /// </summary>
    public const long DefaultMaxRequestBodyBytes = 4 * 1024 * 1024;

    /// <summary>Largest request body accepted by the HTTP API, in bytes; defaults to <see cref="DefaultMaxRequestBodyBytes"/>.</summary>
    [Description("Largest request body, in bytes.")]
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>The default of <see cref="MaxSessions"/>: 10,000.</summary>
    public const int DefaultMaxSessions = 10_000;

    /// <summary>
    /// Most streaming sessions open at once (<c>POST /v1/sessions</c>); one more is refused with 429 until a session ends,
    /// is deleted or expires. Defaults to <see cref="DefaultMaxSessions"/>.
    /// </summary>
    [Description("Most streaming sessions open at once.")]
    public int MaxSessions { get; set; } = DefaultMaxSessions;

    /// <summary>The default of <see cref="SessionIdleTimeout"/>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultSessionIdleTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a streaming session may go unused before it expires: it is then closed and its state freed, and its id
    /// answers 404. Must be more than zero; defaults to <see cref="DefaultSessionIdleTimeout"/>.
    /// </summary>
    [Description("Time a streaming session may go unused before it expires, as hh:mm:ss (00:00:30 is 30 seconds).")]
    public TimeSpan SessionIdleTimeout { get; set; } = DefaultSessionIdleTimeout;

    /// <summary>
    /// Most utterances one streaming session takes; one more is refused with 413. Defaults to
    /// <see cref="TaggerOptions.DefaultMaxUtterancesPerConversation"/>. A session is a conversation to the tagger too, so
    /// <see cref="MaxUtterancesPerConversation"/> bounds it as well: the lower of the two applies.
    /// </summary>
    [Description("Most utterances per streaming session.")]
    public int MaxUtterancesPerSession { get; set; } = TaggerOptions.DefaultMaxUtterancesPerConversation;

    /// <summary>The default of <see cref="MaxSessionLag"/>: 16.</summary>
    public const int DefaultMaxSessionLag = 16;

    /// <summary>
    /// Largest <c>lag</c> a streaming session may ask for: how many earlier utterances each new one may revise. The CRF
    /// keeps a window of lag + 1 utterances and decodes it at every utterance, so the lag bounds the work per utterance.
    /// Defaults to <see cref="DefaultMaxSessionLag"/>.
    /// </summary>
    [Description("Largest lag a streaming session may ask for.")]
    public int MaxSessionLag { get; set; } = DefaultMaxSessionLag;

    /// <summary>
    /// Where streaming sessions live: empty (the default) keeps them in this process's memory, so a deployment of several
    /// replicas needs sticky routing by session id; a Redis connection (StackExchange.Redis syntax, <c>localhost:6379</c> or
    /// <c>redis.internal:6379,password=...,ssl=true</c>) keeps them in Redis, where every replica serves every session. See
    /// the hosting guide's "Scaling out".
    /// </summary>
    [Description("Redis connection (host:port[,password=...]) to keep streaming sessions in, so that any replica serves any session; empty keeps them in this process.")]
    public string Redis { get; set; } = "";

    /// <summary>
    /// Tune the process's native memory for serving (<see cref="NativeMemory.Tune"/> with
    /// <see cref="AllocatorProfile.Serving"/>) just before the model is loaded. Default <c>true</c>, so that a hosted
    /// tagger's resident memory stays bounded: every request thread may get its own malloc arena, each keeps the peak of
    /// the requests that ran in it, and a soak of <c>serve</c> under a tuning meant for training climbed from 2.1 to
    /// 2.8 GiB in 4 minutes; under the serving tuning it stayed flat over 10 minutes. The cost: in 3-minute soaks on a
    /// busy 2-core machine the untuned process held about 2.6 times the memory and answered 4.4 to 5.2 times as many
    /// requests. The tuning is process-wide and the process's first <see cref="NativeMemory.Tune"/> call wins, so a
    /// process that called it at start-up keeps its own choice. Set <c>false</c> to leave malloc and oneDNN's settings
    /// as the process has them (for throughput when memory is plentiful, or when the process shares malloc with other
    /// native code); the model's load log line says what applies.
    /// </summary>
    [Description("Tune native memory for serving before the model loads (glibc malloc: 1 MiB mmap threshold, one arena per core, trimming after large calls; a bounded oneDNN cache). Process-wide; false leaves the process's settings alone.")]
    public bool TuneNativeMemory { get; set; } = true;

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
