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
}
