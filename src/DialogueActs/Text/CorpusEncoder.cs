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

/// <summary>Turns conversations into <see cref="EncodedConversation"/>s: token ids, label ids, speakers and the optional <see cref="EncodedParts"/>.</summary>
public static class CorpusEncoder
{
    /// <summary>Encodes one conversation, with or without character ids (test support; a model encodes with its features' needs).</summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="encoder">Tokenizer and vocabulary.</param>
    /// <param name="labels">When given, every utterance's label must be in the set (training data); when null, labels are left out.</param>
    /// <param name="statistics">Counts to add to, or null.</param>
    /// <param name="source">File name used in error messages.</param>
    /// <param name="characters">Also encode each token's characters (for models with character features).</param>
    internal static EncodedConversation Encode(Conversation conversation, TextEncoder encoder, LabelSet? labels,
        EncodingStatistics? statistics = null, string? source = null, bool characters = false) =>
        Encode(conversation, encoder, labels, characters ? EncodedParts.Characters : EncodedParts.None, statistics, source);

    /// <summary>Encodes one conversation with the optional parts a model's features need (<c>FeatureSet.Needs</c>).</summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="encoder">Tokenizer and vocabulary.</param>
    /// <param name="labels">When given, every utterance's label must be in the set (training data); when null, labels are left out.</param>
    /// <param name="parts">The optional parts to encode.</param>
    /// <param name="statistics">Counts to add to, or null.</param>
    /// <param name="source">File name used in error messages.</param>
    public static EncodedConversation Encode(Conversation conversation, TextEncoder encoder, LabelSet? labels, EncodedParts parts,
        EncodingStatistics? statistics = null, string? source = null)
    {
        int n = conversation.Utterances.Count;
        var tokens = new int[n][];
        var characterIds = parts.HasFlag(EncodedParts.Characters) ? new byte[n][] : null;
        var pretrainedIds = parts.HasFlag(EncodedParts.PretrainedIds) ? new int[n][] : null;
        var texts = (parts & (EncodedParts.Texts | EncodedParts.SentenceVectors)) != 0 ? new string[n] : null;   // vectors come from the texts
        var labelIds = labels is null ? null : new int[n];
        var speakers = new int[n];
        var speakerIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            var u = conversation.Utterances[i];
            tokens[i] = encoder.Encode(u.Text, parts, out bool truncated, out var characters, out var pretrained);
            if (characterIds is not null) characterIds[i] = characters!;
            if (pretrainedIds is not null) pretrainedIds[i] = pretrained!;
            if (texts is not null) texts[i] = u.Text;
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
        return new EncodedConversation(conversation.Id, tokens, labelIds, speakers, characterIds, texts, PretrainedTokens: pretrainedIds);
    }
}
