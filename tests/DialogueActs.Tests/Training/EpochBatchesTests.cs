using DialogueActs.Text;
using DialogueActs.Training;

namespace DialogueActs.Tests.Training;

public sealed class EpochBatchesTests
{
    private static EncodedConversation Conversation(string id, int length, int first = 0) =>
        new(id, Enumerable.Range(first, length).Select(i => new[] { 3 + i }).ToArray(),
            Enumerable.Range(first, length).ToArray(), Enumerable.Range(first, length).Select(i => i % 2).ToArray());

    [Fact]
    public void ChunkingSplitsLongConversationsForTrainingOnly()
    {
        var chunks = EpochBatches.Chunk(new[] { Conversation("c", 13) }, 5);
        Assert.Equal(new[] { 5, 5, 3 }, chunks.Select(c => c.Length));
        Assert.Equal(Enumerable.Range(0, 13), chunks.SelectMany(c => c.Labels!));
        var flags = new float[1];
        Assert.All(chunks, c => { c.SpeakerFlags(0, 1, flags); Assert.Equal(0f, flags[0]); }); // a chunk starts like a new conversation
    }

    [Fact]
    public void AnEpochsBatchesHoldEveryChunkOnceInASeededOrder()
    {
        var conversations = Enumerable.Range(0, 7).Select(i => Conversation($"c{i}", 3 + i, first: 100 * i)).ToArray();
        var batches = EpochBatches.Shuffled(conversations, chunkLength: 4, batchSize: 3, EpochBatches.Random(seed: 5, epoch: 2));

        var chunks = EpochBatches.Chunk(conversations, 4);
        Assert.Equal((chunks.Length + 2) / 3, batches.Length);
        Assert.All(batches[..^1], b => Assert.Equal(3, b.Length));
        Assert.Equal(chunks.SelectMany(c => c.Labels!).Order(), batches.SelectMany(b => b).SelectMany(c => c.Labels!).Order());
        var again = EpochBatches.Shuffled(conversations, 4, 3, EpochBatches.Random(seed: 5, epoch: 2));
        Assert.Equal(Order(batches), Order(again));
        var nextEpoch = EpochBatches.Shuffled(conversations, 4, 3, EpochBatches.Random(seed: 5, epoch: 3));
        Assert.NotEqual(Order(batches), Order(nextEpoch));
    }

    private static IEnumerable<int> Order(EncodedConversation[][] batches) => batches.SelectMany(b => b).Select(c => c.Labels![0]);
}
