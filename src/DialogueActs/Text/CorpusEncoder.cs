using DialogueActs.Data;

namespace DialogueActs.Text;

/// <summary>Counts gathered while encoding a corpus.</summary>
public sealed class EncodingStatistics
{
    /// <summary>Utterances encoded.</summary>
    public int Utterances { get; internal set; }

    /// <summary>Utterances cut to the configured maximum token count.</summary>
    public int Truncated { get; internal set; }

    /// <summary>Tokens encoded (after truncation).</summary>
    public long Tokens { get; internal set; }

    /// <summary>Tokens that mapped to the unknown id.</summary>
    public long UnknownTokens { get; internal set; }
}

/// <summary>
/// Turns conversations into <see cref="EncodedConversation"/>s: token ids, label ids and speakers, what every model reads.
/// A model's features add their own data afterwards (<c>Modeling.FeatureSet.Prepare</c>).
/// </summary>
public static class CorpusEncoder
{
    /// <summary>Encodes one conversation.</summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="encoder">Tokenizer and vocabulary.</param>
    /// <param name="labels">When given, every utterance's label must be in the set (training data); when null, labels are left out.</param>
    /// <param name="statistics">Counts to add to, or null.</param>
    /// <param name="source">File name used in error messages.</param>
    /// <exception cref="DialogueActsException">With <paramref name="labels"/>: a label is missing or unknown.</exception>
    public static EncodedConversation Encode(Conversation conversation, TextEncoder encoder, LabelSet? labels,
        EncodingStatistics? statistics = null, string? source = null)
    {
        int n = conversation.Utterances.Count;
        var tokens = new int[n][];
        var labelIds = labels is null ? null : new int[n];
        var speakers = new int[n];
        var speakerIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            var u = conversation.Utterances[i];
            tokens[i] = encoder.Encode(u.Text, out bool truncated);
            string speaker = u.Speaker ?? "";
            if (!speakerIds.TryGetValue(speaker, out speakers[i])) speakerIds[speaker] = speakers[i] = speakerIds.Count;
            if (statistics is not null)
            {
                statistics.Utterances++;
                statistics.Tokens += tokens[i].Length;
                if (truncated) statistics.Truncated++;
                foreach (int id in tokens[i]) if (id == Vocabulary.UnknownId) statistics.UnknownTokens++;
            }
            if (labelIds is not null)
            {
                if (u.Label is null)
                    throw new DialogueActsException($"{source ?? "corpus"}: conversation '{conversation.Id}', utterance {i}: label is missing");
                if (!labels!.TryGetId(u.Label, out labelIds[i]))
                    throw new DialogueActsException($"{source ?? "corpus"}: conversation '{conversation.Id}', utterance {i}: unknown label '{u.Label}'");
            }
        }
        return new EncodedConversation(conversation.Id, tokens, labelIds, speakers);
    }
}
