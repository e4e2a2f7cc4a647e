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

    /// <summary>The names of the labels (<see cref="LabelGlossary.Empty"/> when the model has none).</summary>
    LabelGlossary Glossary { get; }

    /// <summary>
    /// The temperature the confidences are computed at (<see cref="TemperatureScaling"/>), fitted on the valid split after
    /// training; 1 for a model never calibrated. It never changes a label.
    /// </summary>
    double Temperature { get; }

    /// <summary>Tags one conversation.</summary>
    /// <exception cref="DialogueActsException">The conversation is empty or over the configured limit.</exception>
    TaggedConversation Tag(Conversation conversation);

    /// <summary>Tags several conversations, batching them internally. Results are in input order.</summary>
    IReadOnlyList<TaggedConversation> TagMany(IReadOnlyList<Conversation> conversations);

    /// <summary>
    /// Starts tagging a live conversation one utterance at a time (see <see cref="IDialogueActSession"/>). Needs a causal
    /// model (<c>model.conversationDirection: "forward"</c>): a bidirectional model's label for an utterance depends on
    /// the utterances after it, so it would have to re-tag the whole history at every utterance, O(n²) over a
    /// conversation; such a model refuses sessions.
    /// </summary>
    /// <param name="lag">How many earlier utterances each new one may revise (0: none).</param>
    /// <returns>The session; dispose it to free its state.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lag"/> is negative.</exception>
    /// <exception cref="DialogueActsException">The model is bidirectional.</exception>
    IDialogueActSession StartSession(int lag = 0);

    /// <summary>
    /// Continues a session from its saved state (<see cref="IDialogueActSession.SaveState"/>), written by this tagger or
    /// another one over the same model with the same precision. The state is checked first: its format version, the
    /// model's identity, every size and that every value is finite.
    /// </summary>
    /// <param name="state">The saved state.</param>
    /// <returns>The session; dispose it to free its state.</returns>
    /// <exception cref="DialogueActsException">The bytes are not a state this tagger can continue; the message is one line.</exception>
    /// <exception cref="NotSupportedException">The tagger cannot restore sessions (the default).</exception>
    IDialogueActSession RestoreSession(ReadOnlySpan<byte> state) => throw new NotSupportedException("This tagger cannot restore sessions.");
}
