namespace DialogueActs.Data;

/// <summary>
/// Size limits on conversations read from input: corpus files (<see cref="CorpusReader"/>) and JSON
/// (<see cref="ConversationJsonReader"/>, e.g. the HTTP API's requests). Input over a limit is refused with an
/// <see cref="InputLimitException"/>. The defaults admit the longest conversation of the benchmark corpora
/// (an MRDA meeting of 3,391 utterances whose longest utterance has 431 characters) many times over.
/// </summary>
public sealed record ConversationLimits
{
    /// <summary>
    /// The default of <see cref="MaxUtterancesPerConversation"/>: 20,000. Also the default of the tagger's
    /// <c>TaggerOptions.MaxUtterancesPerConversation</c> and of the HTTP host's setting, so what a corpus
    /// reader accepts the tagger accepts.
    /// </summary>
    public const int DefaultMaxUtterancesPerConversation = 20_000;

    /// <summary>The default of <see cref="MaxCharactersPerUtterance"/>: 5,000.</summary>
    public const int DefaultMaxCharactersPerUtterance = 5_000;

    /// <summary>The default limits.</summary>
    public static ConversationLimits Default { get; } = new();

    /// <summary>Longest conversation accepted, in utterances (at least 1).</summary>
    public int MaxUtterancesPerConversation
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxUtterancesPerConversation), value, "must be at least 1");
    } = DefaultMaxUtterancesPerConversation;

    /// <summary>Longest utterance text accepted, in UTF-16 characters (at least 1).</summary>
    public int MaxCharactersPerUtterance
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxCharactersPerUtterance), value, "must be at least 1");
    } = DefaultMaxCharactersPerUtterance;
}
