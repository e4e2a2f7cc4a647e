using DialogueActs.Text;

namespace DialogueActs.Training;

/// <summary>How an epoch meets the training data: conversations cut into chunks, shuffled, then grouped into batches.</summary>
internal static class EpochBatches
{
    /// <summary>The seeded generator of an epoch: it shuffles the chunks and drives the batch transforms.</summary>
    public static Random Random(int seed, int epoch) => new(unchecked(seed * 7919 + epoch));

    /// <summary>The torch seed of an epoch (dropout).</summary>
    public static long TorchSeed(int seed, int epoch) => unchecked((long)seed * 1_000_003 + epoch);

    /// <summary>Chunks of at most <paramref name="chunkLength"/> utterances, shuffled by <paramref name="random"/>, in batches of <paramref name="batchSize"/> (the last may be smaller).</summary>
    public static EncodedConversation[][] Shuffled(IEnumerable<EncodedConversation> conversations, int chunkLength, int batchSize, Random random)
    {
        var chunks = Chunk(conversations, chunkLength);
        random.Shuffle(chunks);
        return chunks.Chunk(batchSize).ToArray();
    }

    /// <summary>Splits long conversations into chunks of at most <paramref name="length"/> utterances (training only).</summary>
    public static EncodedConversation[] Chunk(IEnumerable<EncodedConversation> conversations, int length) =>
        conversations.SelectMany(c => Enumerable.Range(0, (c.Length + length - 1) / length)
            .Select(i => c.Slice(i * length, Math.Min(length, c.Length - i * length)))).ToArray();
}
