namespace DialogueActs.Modeling.Transformers;

/// <summary>
/// A pretrained BERT-style encoder as a feature resource (<see cref="ResourceRequest.Kind"/>
/// <see cref="ResourceKind"/>): its weights and its word-piece tokenizer. The <c>DialogueActs.Transformers</c> package
/// provides all-MiniLM-L6-v2. The encoder is shared and never trained: features copy the layers they fine-tune.
/// </summary>
public interface IPretrainedTransformer
{
    /// <summary>The <see cref="ResourceRequest.Kind"/> of a pretrained transformer.</summary>
    public const string ResourceKind = "transformer";

    /// <summary>The exact id: the model name, then <c>/</c> and what identifies the weights and tokenizer (a SHA-256 prefix).</summary>
    string Id { get; }

    /// <summary>The encoder with the pretrained weights, float32, in eval mode. Callers never change it.</summary>
    BertEncoder Encoder { get; }

    /// <summary>
    /// The encoder that computes frozen states: <see cref="Encoder"/>, or a bfloat16 copy of it where the CPU computes
    /// bfloat16 natively. In eval mode; callers never change it.
    /// </summary>
    BertEncoder FrozenEncoder { get; }

    /// <summary>The id of the [CLS] piece, first in every text.</summary>
    long ClsId { get; }

    /// <summary>The id of the [SEP] piece, last in every text.</summary>
    long SepId { get; }

    /// <summary>
    /// The word pieces of one word (no [CLS] or [SEP]); never empty (an unknown word is [UNK]). Tokenizing the words
    /// of a text one at a time gives the pieces of the text joined with spaces. Thread-safe.
    /// </summary>
    long[] WordPieces(string word);
}
