namespace DialogueActs.Text;

/// <summary>
/// A conversation after tokenisation: plain managed arrays, ready for <c>Modeling.BatchBuilder</c>. Every model reads
/// the token ids (and the speakers, when it compares them); each feature that reads more keeps its own per-utterance
/// data in <see cref="Payloads"/>, under its name.
/// </summary>
/// <param name="Id">Conversation id.</param>
/// <param name="Tokens">Token ids per utterance; every utterance has at least one token.</param>
/// <param name="Labels">Label ids per utterance, or null when unlabelled.</param>
/// <param name="Speakers">Per utterance: the speaker as a small integer (equal integers, same speaker). Null when unknown.</param>
public sealed record EncodedConversation(string Id, int[][] Tokens, int[]? Labels, int[]? Speakers = null)
{
    private static readonly IReadOnlyDictionary<string, Array> NoPayloads = new Dictionary<string, Array>();

    /// <summary>Number of utterances.</summary>
    public int Length => Tokens.Length;

    /// <summary>
    /// The features' own data by feature name (<c>Modeling.ModelFeature.Name</c>): each an array with one element per
    /// utterance (for example the character ids of its tokens, or a sentence vector). Empty when no feature prepared any.
    /// </summary>
    public IReadOnlyDictionary<string, Array> Payloads { get; init; } = NoPayloads;

    /// <summary>The conversation with <paramref name="values"/> as the payload named <paramref name="name"/> (replacing one of that name).</summary>
    /// <exception cref="ArgumentException">The payload does not have one element per utterance.</exception>
    public EncodedConversation WithPayload(string name, Array values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != Length)
            throw new ArgumentException($"Conversation '{Id}': the '{name}' data has {values.Length} elements for {Length} utterances.", nameof(values));
        var payloads = new Dictionary<string, Array>(Payloads, StringComparer.Ordinal) { [name] = values };
        return this with { Payloads = payloads };
    }

    /// <summary>The payload named <paramref name="name"/>, one element per utterance.</summary>
    /// <exception cref="ArgumentException">The conversation has no such payload, or it holds another element type.</exception>
    public T[] Payload<T>(string name)
    {
        if (!Payloads.TryGetValue(name, out var values))
            throw new ArgumentException($"Conversation '{Id}' has no '{name}' data: prepare it with the model's features (FeatureSet.Prepare).");
        return values as T[] ?? throw new ArgumentException($"Conversation '{Id}': the '{name}' data holds {values.GetType().GetElementType()?.Name}, not {typeof(T).Name}.");
    }

    /// <summary>The utterances <paramref name="start"/> .. <paramref name="start"/>+<paramref name="count"/>-1 as a new conversation (a training chunk).</summary>
    public EncodedConversation Slice(int start, int count) => new(Id, Tokens[start..(start + count)], Labels?[start..(start + count)], Speakers?[start..(start + count)])
    {
        Payloads = Payloads.ToDictionary(p => p.Key, p => Part(p.Value, start, count), StringComparer.Ordinal),
    };

    /// <summary>
    /// The utterances of <paramref name="parts"/> one after another, as one conversation named <paramref name="id"/> with
    /// <paramref name="speakers"/>: every part must hold the same payloads (a session's kept utterances, say).
    /// </summary>
    /// <exception cref="ArgumentException">No parts, or parts with different payloads.</exception>
    public static EncodedConversation Concat(string id, IReadOnlyList<EncodedConversation> parts, int[]? speakers)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0) throw new ArgumentException("Nothing to join.", nameof(parts));
        var names = parts[0].Payloads.Keys.Order(StringComparer.Ordinal).ToArray();
        var payloads = new Dictionary<string, Array>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var first = parts[0].Payloads[name];
            var joined = Array.CreateInstance(first.GetType().GetElementType()!, parts.Sum(p => p.Length));
            int offset = 0;
            foreach (var part in parts)
            {
                if (part.Payloads.Count != names.Length || !part.Payloads.TryGetValue(name, out var values))
                    throw new ArgumentException($"Conversation '{part.Id}' lacks the '{name}' data the others have.", nameof(parts));
                Array.Copy(values, 0, joined, offset, values.Length);
                offset += values.Length;
            }
            payloads[name] = joined;
        }
        return new EncodedConversation(id, parts.SelectMany(p => p.Tokens).ToArray(), null, speakers) { Payloads = payloads };
    }

    /// <summary>
    /// Speaker features of utterance <paramref name="t"/>: flag k−1 is 1 when its speaker differs from
    /// that of utterance t−k (k = 1 .. <paramref name="window"/>); 0 before the first utterance, so a
    /// chunk starts like a new conversation.
    /// </summary>
    public void SpeakerFlags(int t, int window, Span<float> flags)
    {
        if (Speakers is null) throw new InvalidOperationException($"Conversation '{Id}' has no speakers.");
        for (int k = 1; k <= window; k++)
            flags[k - 1] = t - k >= 0 && Speakers[t] != Speakers[t - k] ? 1f : 0f;
    }

    private static Array Part(Array values, int start, int count)
    {
        var part = Array.CreateInstance(values.GetType().GetElementType()!, count);
        Array.Copy(values, start, part, 0, count);
        return part;
    }
}
