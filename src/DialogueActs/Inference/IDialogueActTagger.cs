using DialogueActs.Data;
using DialogueActs.Modeling;

namespace DialogueActs.Inference;

/// <summary>
/// A trained dialogue-act tagger. Every member is safe to call from many threads at once.
/// </summary>
public interface IDialogueActTagger
{
    /// <summary>The labels the model can predict, in index order.</summary>
    IReadOnlyList<string> Labels { get; }

    /// <summary>How the model was trained.</summary>
    ModelMetadata Metadata { get; }

    /// <summary>Tags one conversation.</summary>
    /// <exception cref="DialogueActsException">The conversation is empty or over the configured limit.</exception>
    TaggedConversation Tag(Conversation conversation);

    /// <summary>Tags several conversations, batching them internally. Results are in input order.</summary>
    IReadOnlyList<TaggedConversation> TagMany(IReadOnlyList<Conversation> conversations);
}
