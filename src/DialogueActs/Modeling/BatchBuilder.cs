using DialogueActs.Text;
using static TorchSharp.torch;

namespace DialogueActs.Modeling;

/// <summary>
/// The one place where managed data becomes tensors. Each tensor is built from one managed
/// array in one copy.
/// </summary>
public static class BatchBuilder
{
    /// <summary>
    /// Builds a batch from encoded conversations. Labels are included only when every conversation has
    /// them, speaker features only when every conversation has speakers, character ids only when every
    /// conversation has them.
    /// </summary>
    /// <param name="conversations">The conversations.</param>
    /// <param name="speakerWindow">Speaker flags per utterance (see <see cref="ModelOptions.SpeakerWindow"/>).</param>
    /// <exception cref="ArgumentException">An empty batch, an empty conversation or an empty utterance.</exception>
    public static Batch Build(IReadOnlyList<EncodedConversation> conversations, int speakerWindow = 1)
    {
        if (conversations.Count == 0) throw new ArgumentException("A batch needs at least one conversation.", nameof(conversations));
        ArgumentOutOfRangeException.ThrowIfLessThan(speakerWindow, 1);
        int batchSize = conversations.Count;
        int maxUtterances = 0, utteranceCount = 0, maxTokens = 0;
        bool labelled = true, withSpeakers = true, withCharacters = true;
        foreach (var c in conversations)
        {
            if (c.Length == 0) throw new ArgumentException($"Conversation '{c.Id}' has no utterances.", nameof(conversations));
            maxUtterances = Math.Max(maxUtterances, c.Length);
            utteranceCount += c.Length;
            labelled &= c.Labels is not null;
            withSpeakers &= c.Speakers is not null;
            withCharacters &= c.Characters is not null;
            foreach (var u in c.Tokens)
            {
                if (u.Length == 0) throw new ArgumentException($"Conversation '{c.Id}' has an utterance with no tokens.", nameof(conversations));
                maxTokens = Math.Max(maxTokens, u.Length);
            }
        }

        var tokens = new long[utteranceCount * maxTokens];
        var tokenLengths = new long[utteranceCount];
        var conversationLengths = new long[batchSize];
        var conversationLengthsArray = new int[batchSize];
        var mask = new bool[batchSize * maxUtterances];
        var labels = labelled ? new long[batchSize * maxUtterances] : null;
        var speakers = withSpeakers ? new float[batchSize * maxUtterances * speakerWindow] : null;
        const int perToken = Text.CharacterIds.PerToken;
        var characters = withCharacters ? new long[utteranceCount * maxTokens * perToken] : null;
        int row = 0;
        for (int b = 0; b < batchSize; b++)
        {
            var c = conversations[b];
            conversationLengths[b] = c.Length;
            conversationLengthsArray[b] = c.Length;
            for (int t = 0; t < c.Length; t++, row++)
            {
                var u = c.Tokens[t];
                tokenLengths[row] = u.Length;
                for (int i = 0; i < u.Length; i++) tokens[row * maxTokens + i] = u[i];
                if (characters is not null)
                {
                    var ids = c.Characters![t];
                    if (ids.Length != u.Length * perToken)
                        throw new ArgumentException($"Conversation '{c.Id}', utterance {t}: {ids.Length} character ids for {u.Length} tokens; expected {u.Length * perToken}.", nameof(conversations));
                    for (int i = 0; i < ids.Length; i++) characters[(long)row * maxTokens * perToken + i] = ids[i];
                }
                mask[b * maxUtterances + t] = true;
                if (labels is not null) labels[b * maxUtterances + t] = c.Labels![t];
                if (speakers is not null) c.SpeakerFlags(t, speakerWindow, speakers.AsSpan((b * maxUtterances + t) * speakerWindow, speakerWindow));
            }
        }

        return new Batch(
            tensor(tokens, new long[] { utteranceCount, maxTokens }),              // [U, L]
            tensor(tokenLengths),                                                    // [U]
            tensor(conversationLengths),                                             // [B]
            tensor(mask, new long[] { batchSize, maxUtterances }),                   // [B, T]
            labels is null ? null : tensor(labels, new long[] { batchSize, maxUtterances }),     // [B, T]
            speakers is null ? null : tensor(speakers, new long[] { batchSize, maxUtterances, speakerWindow }), // [B, T, S]
            conversationLengthsArray,
            maxTokens,
            characters is null ? null : tensor(characters, new long[] { utteranceCount, maxTokens, perToken })); // [U, L, C]
    }
}
