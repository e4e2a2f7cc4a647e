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
    public TextEncoder(TokenizerOptions options, Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTokens, 1, nameof(options));
        Options = options;
        Vocabulary = vocabulary;
        _tokenizer = TextTokenizer.Create(options);
    }

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
    /// The tokens that <see cref="Encode(string, out bool)"/> gives ids to: the first <see cref="TokenizerOptions.MaxTokens"/>
    /// of <paramref name="text"/>, or none for a text without tokens (whose one id is <see cref="Vocabulary.EmptyId"/>).
    /// For features that read the tokens themselves (their characters, say).
    /// </summary>
    public IReadOnlyList<string> Tokens(string text)
    {
        IReadOnlyList<string> tokens = _tokenizer.Tokenize(text);
        return tokens.Count <= Options.MaxTokens ? tokens : tokens.Take(Options.MaxTokens).ToArray();
    }

    /// <summary>Encodes <paramref name="text"/> like <see cref="Encode(string, out bool)"/>, ignoring truncation.</summary>
    public int[] Encode(string text) => Encode(text, out _);

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
