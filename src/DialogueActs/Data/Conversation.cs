namespace DialogueActs.Data;

/// <summary>One utterance of a conversation.</summary>
/// <param name="Speaker">Speaker id, or null when the corpus has none.</param>
/// <param name="Text">Raw utterance text. May be empty: an empty utterance is tagged like any other.</param>
/// <param name="Label">Gold dialogue-act label, or null when unlabelled (prediction input).</param>
public sealed record Utterance(string? Speaker, string Text, string? Label);

/// <summary>A conversation: its id and its utterances in order.</summary>
/// <param name="Id">Conversation id, unique within a corpus file.</param>
/// <param name="Utterances">Utterances in conversation order.</param>
public sealed record Conversation(string Id, IReadOnlyList<Utterance> Utterances);
