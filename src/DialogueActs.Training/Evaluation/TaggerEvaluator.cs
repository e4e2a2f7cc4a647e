using DialogueActs.Data;
using DialogueActs.Inference;

namespace DialogueActs.Evaluation;

/// <summary>Tags labelled conversations with a tagger and scores the result (the same decoding path as serving).</summary>
public static class TaggerEvaluator
{
    /// <summary>Tags every conversation whole (<see cref="EvaluationMode.Offline"/>) and compares with the gold labels.</summary>
    /// <exception cref="DialogueActsException">No conversations, or an utterance without a gold label.</exception>
    public static ClassificationReport Evaluate(IDialogueActTagger tagger, IReadOnlyList<Conversation> conversations, string source) =>
        Evaluate(tagger, conversations, source, EvaluationMode.Offline);

    /// <summary>
    /// Tags every conversation in <paramref name="mode"/> and compares with the gold labels: offline with
    /// <see cref="IDialogueActTagger.TagMany"/>, online by replaying each conversation through a session
    /// (<see cref="SessionReplay"/>, the final label of each utterance). The report records the mode.
    /// </summary>
    /// <exception cref="DialogueActsException">No conversations, an utterance without a gold label, or an online mode on a bidirectional model.</exception>
    public static ClassificationReport Evaluate(IDialogueActTagger tagger, IReadOnlyList<Conversation> conversations, string source, EvaluationMode mode)
    {
        ArgumentNullException.ThrowIfNull(tagger);
        ArgumentNullException.ThrowIfNull(mode);
        if (conversations.Count == 0) throw new DialogueActsException($"{source}: no conversations to evaluate");
        var gold = new List<string>();
        foreach (var c in conversations)
            for (int i = 0; i < c.Utterances.Count; i++)
                gold.Add(c.Utterances[i].Label ?? throw new DialogueActsException($"{source}: conversation '{c.Id}', utterance {i}: label is missing"));
        var predicted = mode.Tag(tagger, conversations).SelectMany(t => t.Utterances).Select(u => u.Label).ToList();
        return ClassificationReport.Compute(tagger.Labels, gold, predicted, conversations.Count).WithMode(mode);
    }
}
