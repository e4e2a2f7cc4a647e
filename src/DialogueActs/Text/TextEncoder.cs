namespace DialogueActs.Text;

/// <summary>
/// Turns utterance text into token ids: a <see cref="TextTokenizer"/> plus a <see cref="Vocabulary"/>.
/// Every encoded utterance has between 1 and <see cref="TokenizerOptions.MaxTokens"/> ids. Thread-safe.
/// </summary>
public sealed class TextEncoder
{
    private readonly TextTokenizer _tokenizer;

    /// <summary>Creates an encoder from saved options and vocabulary (e.g. read from a model archive).</summary>
    /// <exception cref="DialogueActsException">The tokenizer kind is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="TokenizerOptions.MaxTokens"/> is less than 1.</exception>
    public TextEncoder(TokenizerOptions options, Vocabulary vocabulary) : this(options, vocabulary, pretrained: null)
    {
    }

    /// <summary>
    /// Creates an encoder that also maps tokens to the ids of a frozen pretrained vector table
    /// (<see cref="EncodedParts.PretrainedIds"/>), whose rows follow <paramref name="pretrained"/>.
    /// </summary>
    /// <exception cref="DialogueActsException">The tokenizer kind is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="TokenizerOptions.MaxTokens"/> is less than 1.</exception>
    public TextEncoder(TokenizerOptions options, Vocabulary vocabulary, Vocabulary? pretrained)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTokens, 1, nameof(options));
        Options = options;
        Vocabulary = vocabulary;
        PretrainedVocabulary = pretrained;
        _tokenizer = TextTokenizer.Create(options);
    }

    /// <summary>The words of the frozen pretrained vector table, in row order; null without one.</summary>
    public Vocabulary? PretrainedVocabulary { get; }

    /// <summary>The tokenizer options.</summary>
    public TokenizerOptions Options { get; }

    /// <summary>The vocabulary.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>The tokenizer.</summary>
    public TextTokenizer Tokenizer => _tokenizer;

    /// <summary>
    /// Tokenizes the training texts and builds the vocabulary with <see cref="TokenizerOptions.MinCount"/>
    /// and <see cref="TokenizerOptions.MaxVocabulary"/>. Counts use every token, before truncation.
    /// </summary>
    public static TextEncoder Build(TokenizerOptions options, IEnumerable<string> trainingTexts)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(trainingTexts);
        TextTokenizer tokenizer = TextTokenizer.Create(options);
        Vocabulary vocabulary = Vocabulary.Build(trainingTexts.SelectMany(tokenizer.Tokenize), options.MinCount, options.MaxVocabulary);
        return new TextEncoder(options, vocabulary);
    }

    /// <summary>
    /// Encodes <paramref name="text"/>: its first <see cref="TokenizerOptions.MaxTokens"/> token ids
    /// (<see cref="Vocabulary.UnknownId"/> for unknown tokens), or <c>[<see cref="Vocabulary.EmptyId"/>]</c>
    /// when it has no tokens. Never empty.
    /// </summary>
    /// <param name="text">The utterance text.</param>
    /// <param name="truncated">True when tokens were dropped because of <see cref="TokenizerOptions.MaxTokens"/>.</param>
    public int[] Encode(string text, out bool truncated) => Ids(_tokenizer.Tokenize(text), out truncated);

    /// <summary>
    /// Encodes <paramref name="text"/> like <see cref="Encode(string, out bool)"/> and also returns the
    /// <see cref="CharacterIds"/> of the same tokens, <see cref="CharacterIds.PerToken"/> per token id
    /// (all 0 for the single empty-utterance id).
    /// </summary>
    public int[] Encode(string text, out bool truncated, out byte[] characters)
    {
        int[] ids = Encode(text, EncodedParts.Characters, out truncated, out var encoded, out _);
        characters = encoded!;
        return ids;
    }

    /// <summary>
    /// Encodes <paramref name="text"/> like <see cref="Encode(string, out bool)"/>, with the optional per-token parts
    /// <paramref name="parts"/> asks for: character ids (as <see cref="Encode(string, out bool, out byte[])"/>) and
    /// the ids of the same tokens in <see cref="PretrainedVocabulary"/> (a token matches a pretrained word exactly,
    /// or else trimmed and lowercased; <see cref="Vocabulary.UnknownId"/> when neither; the empty-utterance id for an
    /// utterance without tokens). Parts not asked for are null.
    /// </summary>
    /// <exception cref="InvalidOperationException">Pretrained ids are asked for, but the encoder has no <see cref="PretrainedVocabulary"/>.</exception>
    public int[] Encode(string text, EncodedParts parts, out bool truncated, out byte[]? characters, out int[]? pretrainedIds)
    {
        IReadOnlyList<string> tokens = _tokenizer.Tokenize(text);
        int[] ids = Ids(tokens, out truncated);
        characters = !parts.HasFlag(EncodedParts.Characters) ? null
            : tokens.Count == 0 ? new byte[CharacterIds.PerToken] : CharacterIds.Encode(tokens, ids.Length);
        pretrainedIds = null;
        if (parts.HasFlag(EncodedParts.PretrainedIds))
        {
            var pretrained = PretrainedVocabulary ?? throw new InvalidOperationException("This encoder has no pretrained vocabulary.");
            pretrainedIds = new int[ids.Length];
            if (tokens.Count == 0) pretrainedIds[0] = Vocabulary.EmptyId;
            for (int i = 0; i < tokens.Count && i < ids.Length; i++) pretrainedIds[i] = PretrainedId(pretrained, tokens[i]);
        }
        return ids;
    }

    /// <summary>Encodes <paramref name="text"/> like <see cref="Encode(string, out bool)"/>, ignoring truncation.</summary>
    public int[] Encode(string text) => Encode(text, out _);

    private static int PretrainedId(Vocabulary pretrained, string token)
    {
        int id = pretrained.IdOf(token);
        if (id != Vocabulary.UnknownId) return id;
        string folded = token.Trim().ToLowerInvariant();
        return folded == token ? id : pretrained.IdOf(folded);
    }

    /// <summary>The ids of the first <see cref="TokenizerOptions.MaxTokens"/> tokens, or the empty-utterance id.</summary>
    private int[] Ids(IReadOnlyList<string> tokens, out bool truncated)
    {
        truncated = tokens.Count > Options.MaxTokens;
        if (tokens.Count == 0)
        {
            return [Vocabulary.EmptyId];
        }
        var ids = new int[Math.Min(tokens.Count, Options.MaxTokens)];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = Vocabulary.IdOf(tokens[i]);
        }
        return ids;
    }
}
