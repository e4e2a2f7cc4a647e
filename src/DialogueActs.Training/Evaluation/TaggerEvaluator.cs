using DialogueActs.Data;
using DialogueActs.Inference;

namespace DialogueActs.Training.Evaluation;

/// <summary>
/// Tags labelled conversations with a tagger and scores the result (the same decoding path as serving); the report keeps
/// each misclassified utterance (<see cref="ClassificationReport.Errors"/>).
/// </summary>
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
        var tagged = mode.Tag(tagger, conversations);
        var predicted = tagged.SelectMany(t => t.Utterances).Select(u => u.Label).ToList();
        return ClassificationReport.Compute(tagger.Labels, gold, predicted, conversations.Count).WithMode(mode).WithErrors(Errors(conversations, tagged))
            .WithGlossary(tagger.Glossary);
    }

    /// <summary>
    /// <see cref="Evaluate(IDialogueActTagger, IReadOnlyList{Conversation}, string, EvaluationMode)"/> and, offline, the
    /// calibration of the confidences (<see cref="CalibrationReport"/>, from the tagger's scores read once more): the
    /// reports of <c>evaluate</c> and of the end of training.
    /// </summary>
    /// <exception cref="DialogueActsException">No conversations, an utterance without a gold label, or an online mode on a bidirectional model.</exception>
    public static ClassificationReport EvaluateWithCalibration(DialogueActTagger tagger, IReadOnlyList<Conversation> conversations, string source, EvaluationMode mode)
    {
        var report = Evaluate(tagger, conversations, source, mode);
        return mode.Lag is null
            ? report.WithCalibration(CalibrationReport.Compute(CalibrationData.Compute(tagger, conversations, source), tagger.Temperature))
            : report;
    }

    /// <summary>Every utterance whose tag differs from its gold label, with its place, speaker, text and the utterances before it.</summary>
    private static List<MisclassifiedUtterance> Errors(IReadOnlyList<Conversation> conversations, IReadOnlyList<TaggedConversation> tagged)
    {
        var errors = new List<MisclassifiedUtterance>();
        for (int c = 0; c < conversations.Count; c++)
        {
            var utterances = conversations[c].Utterances;
            for (int i = 0; i < utterances.Count; i++)
            {
                var tag = tagged[c].Utterances[i];
                if (tag.Label == utterances[i].Label) continue;
                int from = Math.Max(0, i - MisclassifiedUtterance.ContextSize);
                var before = Enumerable.Range(from, i - from).Select(j => utterances[j]).ToArray();
                errors.Add(new MisclassifiedUtterance(conversations[c].Id, i, utterances[i].Speaker, utterances[i].Text, before,
                    utterances[i].Label!, tag.Label, tag.Confidence));
            }
        }
        return errors;
    }
}
