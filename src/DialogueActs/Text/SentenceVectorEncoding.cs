namespace DialogueActs.Text;

/// <summary>Adds a pretrained sentence encoder's vectors to encoded conversations (<see cref="EncodedParts.SentenceVectors"/>).</summary>
public static class SentenceVectorEncoding
{
    /// <summary>
    /// The conversations with <see cref="EncodedConversation.SentenceVectors"/> set from their
    /// <see cref="EncodedConversation.Texts"/>: the distinct texts of all conversations go to
    /// <paramref name="encoder"/> in one call, so it can batch them by length.
    /// </summary>
    /// <param name="conversations">Conversations encoded with <see cref="EncodedParts.SentenceVectors"/> (their texts kept).</param>
    /// <param name="encoder">The sentence encoder.</param>
    /// <exception cref="ArgumentException">A conversation has no texts.</exception>
    /// <exception cref="DialogueActsException">The encoder returns the wrong number of vectors or a vector of the wrong size.</exception>
    public static EncodedConversation[] Attach(IReadOnlyList<EncodedConversation> conversations, ISentenceEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        ArgumentNullException.ThrowIfNull(encoder);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var distinct = new List<string>();
        foreach (var c in conversations)
        {
            if (c.Texts is null)
                throw new ArgumentException($"Conversation '{c.Id}' has no texts: encode it with {nameof(EncodedParts)}.{nameof(EncodedParts.SentenceVectors)}.", nameof(conversations));
            foreach (var text in c.Texts)
                if (index.TryAdd(text, distinct.Count)) distinct.Add(text);
        }
        var vectors = distinct.Count == 0 ? [] : encoder.Encode(distinct);
        if (vectors.Length != distinct.Count)
            throw new DialogueActsException($"sentence encoder '{encoder.Id}': returned {vectors.Length} vectors for {distinct.Count} texts");
        foreach (var v in vectors)
            if (v is null || v.Length != encoder.Dimension)
                throw new DialogueActsException($"sentence encoder '{encoder.Id}': returned a vector of {v?.Length ?? 0} values, expected {encoder.Dimension}");
        var result = new EncodedConversation[conversations.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var c = conversations[i];
            result[i] = c with { SentenceVectors = Array.ConvertAll(c.Texts!, text => vectors[index[text]]) };
        }
        return result;
    }
}
