using DialogueActs.Data;

namespace DialogueActs.Inference;

/// <summary>
/// Tags recorded conversations the way a live service sees them: each conversation is streamed through its own
/// <see cref="IDialogueActSession"/>, one utterance at a time, instead of being tagged whole.
/// </summary>
/// <remarks>
/// With a lag of k, an utterance's label is final once k more utterances have arrived; the last k of a conversation
/// are revised once more when it <see cref="IDialogueActSession.End"/>s. The result holds the labels a client that
/// applied every revision would end with. At lag 0 each label is the one its <see cref="IDialogueActSession.Add"/>
/// returned (the most probable label given the utterances so far); with a lag of at least the conversation's length,
/// the labels are the offline Viterbi path of <see cref="IDialogueActTagger.Tag"/>. Conversations are replayed one
/// after another, in input order, so the result is deterministic.
/// </remarks>
public static class SessionReplay
{
    /// <summary>Replays every conversation through a session with <paramref name="lag"/>.</summary>
    /// <param name="tagger">A tagger over a causal model.</param>
    /// <param name="conversations">The conversations, each in utterance order.</param>
    /// <param name="lag">How many earlier utterances each new one may revise (0: none).</param>
    /// <returns>
    /// One <see cref="TaggedConversation"/> per conversation, in input order. Per utterance: <see cref="UtteranceTag.Label"/>
    /// is its final label, <see cref="UtteranceTag.Confidence"/> the confidence of the answer that set that label last
    /// (its <see cref="IDialogueActSession.Add"/>, a later revision or <see cref="IDialogueActSession.End"/>), and
    /// <see cref="UtteranceTag.Top"/> the most probable labels when it was added (the filtering probabilities, which
    /// revisions do not update).
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lag"/> is negative.</exception>
    /// <exception cref="DialogueActsException">The model is bidirectional, a conversation is empty, or one is over the tagger's limit.</exception>
    public static IReadOnlyList<TaggedConversation> Tag(IDialogueActTagger tagger, IReadOnlyList<Conversation> conversations, int lag)
    {
        ArgumentNullException.ThrowIfNull(tagger);
        ArgumentNullException.ThrowIfNull(conversations);
        ArgumentOutOfRangeException.ThrowIfNegative(lag);
        var results = new TaggedConversation[conversations.Count];
        for (int c = 0; c < results.Length; c++) results[c] = Replay(tagger, conversations[c], lag);
        return results;
    }

    /// <summary>Streams one conversation through a new session and collects each utterance's last answer.</summary>
    private static TaggedConversation Replay(IDialogueActTagger tagger, Conversation conversation, int lag)
    {
        int n = conversation.Utterances.Count;
        if (n == 0) throw new DialogueActsException(DialogueActTagger.NoUtterancesMessage(conversation.Id));
        var labels = new string[n];
        var confidences = new double[n];
        var tops = new IReadOnlyList<LabelScore>[n];
        void Apply(IReadOnlyList<RevisedTag> revised)
        {
            foreach (var r in revised) (labels[r.Index], confidences[r.Index]) = (r.Label, r.Confidence);
        }

        using (var session = tagger.StartSession(lag))
        {
            for (int i = 0; i < n; i++)
            {
                var u = conversation.Utterances[i];
                var tag = session.Add(u.Speaker, u.Text);
                (labels[i], confidences[i], tops[i]) = (tag.Label, tag.Confidence, tag.Top);
                Apply(tag.Revised);
            }
            Apply(session.End());
        }
        var tags = new UtteranceTag[n];
        for (int i = 0; i < n; i++) tags[i] = new UtteranceTag(labels[i], confidences[i], tops[i]);
        return new TaggedConversation(conversation.Id, tags);
    }
}
