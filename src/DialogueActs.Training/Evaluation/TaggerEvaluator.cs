using DialogueActs.Data;
using DialogueActs.Inference;

namespace DialogueActs.Evaluation;

/// <summary>Tags labelled conversations with a tagger and scores the result (the same decoding path as serving).</summary>
public static class TaggerEvaluator
{
    /// <summary>Tags every conversation and compares with the gold labels.</summary>
    /// <exception cref="DialogueActsException">No conversations, or an utterance without a gold label.</exception>
    public static ClassificationReport Evaluate(IDialogueActTagger tagger, IReadOnlyList<Conversation> conversations, string source)
    {
        if (conversations.Count == 0) throw new DialogueActsException($"{source}: no conversations to evaluate");
        var gold = new List<string>();
        foreach (var c in conversations)
            for (int i = 0; i < c.Utterances.Count; i++)
                gold.Add(c.Utterances[i].Label ?? throw new DialogueActsException($"{source}: conversation '{c.Id}', utterance {i}: label is missing"));
        var predicted = tagger.TagMany(conversations).SelectMany(t => t.Utterances).Select(u => u.Label).ToList();
        return ClassificationReport.Compute(tagger.Labels, gold, predicted, conversations.Count);
    }
}
