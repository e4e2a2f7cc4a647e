namespace DialogueActs.Text;

/// <summary>
/// Optional parts of an <see cref="EncodedConversation"/> beyond token ids, labels and speakers, which
/// <see cref="CorpusEncoder"/> fills only when a model's features need them.
/// </summary>
[Flags]
public enum EncodedParts
{
    /// <summary>Token ids, labels and speakers only.</summary>
    None = 0,

    /// <summary>The <see cref="CharacterIds"/> of every token (<see cref="EncodedConversation.Characters"/>).</summary>
    Characters = 1,

    /// <summary>The utterance texts themselves (<see cref="EncodedConversation.Texts"/>), for features that read whole sentences.</summary>
    Texts = 2,

    /// <summary>
    /// A pretrained sentence encoder's vector of every utterance (<see cref="EncodedConversation.SentenceVectors"/>).
    /// <see cref="CorpusEncoder"/> keeps the texts for it (<see cref="Texts"/>);
    /// <see cref="SentenceVectorEncoding.Attach"/> adds the vectors, many conversations at once.
    /// </summary>
    SentenceVectors = 4,

    /// <summary>
    /// The ids of every token in a frozen pretrained vector table (<see cref="EncodedConversation.PretrainedTokens"/>),
    /// from <see cref="TextEncoder.PretrainedVocabulary"/>.
    /// </summary>
    PretrainedIds = 8,
}
