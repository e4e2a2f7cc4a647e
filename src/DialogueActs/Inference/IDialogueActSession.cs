namespace DialogueActs.Inference;

/// <summary>
/// A live conversation tagged one utterance at a time (<see cref="IDialogueActTagger.StartSession"/>): each
/// <see cref="Add"/> answers at once for the new utterance from the state the session carries (the conversation
/// LSTM's state and the CRF's forward variables), so the work per utterance does not grow with the conversation.
/// Members are safe to call from many threads; calls on one session run one at a time, in the order they take its lock.
/// </summary>
/// <remarks>
/// With a lag of k, a new utterance may revise the labels of the k before it: the labels of the window of the last
/// k + 1 utterances are decoded jointly given everything seen so far (fixed-lag smoothing). An utterance's label is
/// final once k more have arrived, or when the session <see cref="End"/>s. At lag 0 each label is the most probable
/// label given the utterances so far; with a lag of at least the conversation's length, the labels after
/// <see cref="End"/> are the offline Viterbi path of the same model.
/// </remarks>
public interface IDialogueActSession : IDisposable
{
    /// <summary>How many earlier utterances a new one may revise.</summary>
    int Lag { get; }

    /// <summary>Utterances added so far.</summary>
    int Count { get; }

    /// <summary>Tags the next utterance of the conversation.</summary>
    /// <param name="speaker">Its speaker (null or empty when unknown); only equality between speakers matters.</param>
    /// <param name="text">Its text.</param>
    /// <returns>Its index, label, confidence and most probable labels, and the earlier utterances whose labels it changed.</returns>
    /// <exception cref="DialogueActsException">The session has ended, or holds its limit of utterances.</exception>
    /// <exception cref="ObjectDisposedException">The session is disposed.</exception>
    SessionTag Add(string? speaker, string text);

    /// <summary>
    /// Ends the conversation: decodes the utterances still open to revision (the last <see cref="Lag"/>) knowing that no
    /// more follow, and frees the carried state. Later calls to <see cref="Add"/> fail; later calls to this return nothing.
    /// </summary>
    /// <returns>The utterances whose labels changed.</returns>
    /// <exception cref="ObjectDisposedException">The session is disposed.</exception>
    IReadOnlyList<RevisedTag> End();

    /// <summary>
    /// The session's state in a compact, versioned binary form (the conversation LSTM's state, the CRF window, the kept
    /// speakers, the count, the lag and the model's identity), from which <see cref="IDialogueActTagger.RestoreSession"/>
    /// continues it, in this process or another one serving the same model: the restored session answers exactly as this
    /// one would. A few kilobytes; it does not grow with the conversation.
    /// </summary>
    /// <exception cref="DialogueActsException">The session has ended.</exception>
    /// <exception cref="ObjectDisposedException">The session is disposed.</exception>
    /// <exception cref="NotSupportedException">The session cannot be saved (the default).</exception>
    byte[] SaveState() => throw new NotSupportedException("This session cannot save its state.");
}

/// <summary>The answer of <see cref="IDialogueActSession.Add"/>.</summary>
/// <param name="Index">The new utterance's index in the conversation, from 0.</param>
/// <param name="Label">Its label.</param>
/// <param name="Confidence">The probability of <paramref name="Label"/> given the utterances so far.</param>
/// <param name="Top">Its most probable labels given the utterances so far (the filtering probabilities), best first.</param>
/// <param name="Revised">Earlier utterances (at most <see cref="IDialogueActSession.Lag"/> back) whose labels changed, in order.</param>
public sealed record SessionTag(int Index, string Label, double Confidence, IReadOnlyList<LabelScore> Top, IReadOnlyList<RevisedTag> Revised);

/// <summary>A new label for an earlier utterance of a session.</summary>
/// <param name="Index">The utterance's index in the conversation.</param>
/// <param name="Label">Its new label.</param>
/// <param name="Confidence">The probability of <paramref name="Label"/> given the utterances so far.</param>
public sealed record RevisedTag(int Index, string Label, double Confidence);
