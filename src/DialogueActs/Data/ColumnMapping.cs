namespace DialogueActs.Data;

/// <summary>
/// Maps corpus CSV columns to the fields of an utterance. Only <see cref="Conversation"/> and
/// <see cref="Text"/> are required; the others may be null.
/// </summary>
public sealed record ColumnMapping
{
    /// <summary>Column holding the conversation id.</summary>
    public string Conversation { get; init; } = "conversation_id";

    /// <summary>Column holding the utterance index inside its conversation; null: file order is used.</summary>
    public string? Order { get; init; } = "utterance_index";

    /// <summary>Column holding the speaker id; null: no speaker.</summary>
    public string? Speaker { get; init; } = "speaker";

    /// <summary>Column holding the utterance text.</summary>
    public string Text { get; init; } = "text";

    /// <summary>Column holding the gold label; null: unlabelled.</summary>
    public string? Label { get; init; } = "label";
}
