namespace DialogueActs.Text;

/// <summary>
/// How utterance text becomes token ids: the <c>tokenizer</c> section of the JSON experiment config.
/// </summary>
public sealed record TokenizerOptions
{
    /// <summary>The <see cref="Kind"/> of the word tokenizer: words and single punctuation marks.</summary>
    public const string WordKind = "word";

    /// <summary>The <see cref="Kind"/> of the subword tokenizer: GPT-4's cl100k_base byte-pair encoding.</summary>
    public const string Cl100kKind = "cl100k";

    /// <summary>Tokenizer kind: <c>"word"</c> (default) or <c>"cl100k"</c>.</summary>
    public string Kind { get; init; } = WordKind;

    /// <summary>Lowercase the text before tokenizing.</summary>
    public bool Lowercase { get; init; } = true;

    /// <summary>Maximum tokens per utterance; longer utterances are truncated to their first tokens.</summary>
    public int MaxTokens { get; init; } = 60;

    /// <summary>Minimum number of occurrences in the training texts for a token to enter the vocabulary.</summary>
    public int MinCount { get; init; } = 2;

    /// <summary>Maximum vocabulary size, the reserved tokens included.</summary>
    public int MaxVocabulary { get; init; } = 50000;

    /// <summary>Path of a GloVe text file to initialise the embeddings from, or null for random initialisation.</summary>
    public string? Glove { get; init; }
}
