using DialogueActs.Data;
using DialogueActs.Inference;
using Xunit.Abstractions;

namespace DialogueActs.Tests.Hosting;

[Collection(HostingCollection.Name)]
public sealed class TaggerConcurrencyTests
{
    private const int Threads = 16;
    private readonly TrainedModelFixture _model;
    private readonly ITestOutputHelper _output;

    public TaggerConcurrencyTests(TrainedModelFixture model, ITestOutputHelper output)
    {
        _model = model;
        _output = output;
    }

    [Fact]
    public void SixteenThreadsTaggingFiveHundredConversationsMatchSequentialTaggingByteForByte()
    {
        using var loaded = DialogueActTagger.Load(_model.ModelPath);
        IDialogueActTagger tagger = loaded;
        var conversations = TrainedModelFixture.Conversations(500, seed: 11);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        byte[][] sequential = [];
        OnNewThread(() => sequential = conversations.Select(c => TrainedModelFixture.Serialize(c, tagger.Tag(c))).ToArray());
        _output.WriteLine($"sequential: {clock.Elapsed.TotalSeconds:F2} s");

        clock.Restart();
        var concurrent = new byte[conversations.Count][];
        RunOnThreads(next =>
        {
            for (int i = next(); i < conversations.Count; i = next())
                concurrent[i] = TrainedModelFixture.Serialize(conversations[i], tagger.Tag(conversations[i]));
        });
        _output.WriteLine($"{Threads} threads: {clock.Elapsed.TotalSeconds:F2} s");

        for (int i = 0; i < conversations.Count; i++)
            Assert.True(sequential[i].AsSpan().SequenceEqual(concurrent[i]), $"conversation {i} differs");
    }

    [Fact]
    public void SixteenThreadsTaggingBatchesMatchSequentialBatchesByteForByte()
    {
        using var loaded = DialogueActTagger.Load(_model.ModelPath, new TaggerOptions { MaxUtterancesPerBatch = 200 });
        IDialogueActTagger tagger = loaded;
        var batches = TrainedModelFixture.Conversations(500, seed: 12).Chunk(10).ToArray();
        byte[][] sequential = [];
        OnNewThread(() => sequential = batches.Select(b => Serialize(b, tagger.TagMany(b))).ToArray());

        var concurrent = new byte[batches.Length][];
        RunOnThreads(next =>
        {
            for (int i = next(); i < batches.Length; i = next())
                concurrent[i] = Serialize(batches[i], tagger.TagMany(batches[i]));
        });

        for (int i = 0; i < batches.Length; i++)
            Assert.True(sequential[i].AsSpan().SequenceEqual(concurrent[i]), $"batch {i} differs");
    }

    [Fact]
    public void CallsBeyondTheConcurrencyLimitWaitForASlotAndAllSucceed()
    {
        using var loaded = DialogueActTagger.Load(_model.ModelPath, new TaggerOptions { MaxConcurrency = 1 });
        IDialogueActTagger tagger = loaded;
        var conversations = TrainedModelFixture.Conversations(64, seed: 13);
        byte[][] sequential = [];
        OnNewThread(() => sequential = conversations.Select(c => TrainedModelFixture.Serialize(c, tagger.Tag(c))).ToArray());

        var concurrent = new byte[conversations.Count][];
        RunOnThreads(next =>
        {
            for (int i = next(); i < conversations.Count; i = next())
                concurrent[i] = TrainedModelFixture.Serialize(conversations[i], tagger.Tag(conversations[i]));
        });

        for (int i = 0; i < conversations.Count; i++)
            Assert.True(sequential[i].AsSpan().SequenceEqual(concurrent[i]), $"conversation {i} differs");
    }

    /// <summary>
    /// Runs the sequential reference on a fresh thread, like the workers: libtorch's per-thread
    /// parallelism settings then match, and the test thread's (set by training) cannot slow it down.
    /// </summary>
    private static void OnNewThread(Action work)
    {
        var thread = new Thread(() => work());
        thread.Start();
        thread.Join();
    }

    /// <summary>Starts <see cref="Threads"/> threads together; each takes work indices from a shared counter.</summary>
    private static void RunOnThreads(Action<Func<int>> work)
    {
        int counter = -1;
        using var start = new Barrier(Threads);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            try { work(() => Interlocked.Increment(ref counter)); }
            catch (Exception ex) { errors.Enqueue(ex); }
        })).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        Assert.Empty(errors);
    }

    private static byte[] Serialize(IReadOnlyList<Conversation> conversations, IReadOnlyList<TaggedConversation> tagged)
    {
        using var output = new MemoryStream();
        PredictionWriter.Write(output, conversations, tagged);
        return output.ToArray();
    }
}
